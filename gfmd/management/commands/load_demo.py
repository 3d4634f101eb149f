import importlib
import os

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from gfmd import demo


class Command(BaseCommand):
    help = (
        "Load demo data (chairs 2007-2020, Steering Group, Friends, meetings, accounts). "
        "Idempotent: does nothing when the demo is already loaded. Each app may add a "
        "`demo.py` with load(stdout) for its own records."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            demo.load(self.stdout)
            for config in apps.get_app_configs():
                if config.name in ("roundtables", "civil_society", "outcomes", "partnerships"):
                    try:
                        module = importlib.import_module(f"{config.name}.demo")
                    except ModuleNotFoundError as exc:
                        if exc.name != f"{config.name}.demo":
                            raise
                        continue
                    module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(
            f"Staff login: http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/  "
            f"user '{demo.STAFF_USERNAME}'  "
            f"password '{demo.DEMO_PASSWORD}'"
        )
        self.stdout.write(
            f"Focal point login (API): user 'focal.germany' password '{demo.DEMO_PASSWORD}'"
        )
        self.stdout.write(
            f"Partner client (docs/api.md): CLIENT_ID={demo.DEMO_CLIENT_ID} "
            f"CLIENT_SECRET={demo.DEMO_CLIENT_SECRET}"
        )
