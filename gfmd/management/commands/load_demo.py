import importlib
import os

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from gfmd import demo
from gfmd.platform.search.index import reindex_all
from gfmd.selectors.editions import current_edition

# Apps whose demo.py adds records after the governance core's, in this order.
DEMO_APPS = settings.PROJECT_APPS[1:]


class Command(BaseCommand):
    help = (
        "Load demo data (chairs 2007-2020, Steering Group, Friends, meetings, accounts). "
        "Idempotent: does nothing when the demo is already loaded. Each app may add a "
        "`demo.py` with load(stdout) for its own records."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            demo.load(self.stdout)
            modules = []
            for config in apps.get_app_configs():
                if config.name in DEMO_APPS:
                    try:
                        module = importlib.import_module(f"{config.name}.demo")
                    except ModuleNotFoundError as exc:
                        if exc.name != f"{config.name}.demo":
                            raise
                        continue
                    module.load(self.stdout)
                    modules.append(module)
            # The dashboard opens on the edition in office: give each panel something to
            # count there (an app's optional load_cycle; idempotent like load).
            edition = current_edition()
            if edition is not None:
                for module in modules:
                    if hasattr(module, "load_cycle"):
                        module.load_cycle(edition, self.stdout)
                self.stdout.write(f"Edition in office: {edition} (the dashboard's default).")
            reindex_all()  # demo rows made in bulk never passed through the activity log
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write("\n".join(banner(os.environ.get("PORT", "8000"))))


def banner(port: str) -> list[str]:
    """What `make run` prints last: where to go, who to log in as, where emails go."""
    base = f"http://127.0.0.1:{port}"
    if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        emails = f"written as files to {settings.EMAIL_FILE_PATH}/ (one file per send)"
    elif settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
        emails = "printed on this console"
    else:
        emails = f"sent through {settings.EMAIL_BACKEND}"
    return [
        "",
        "GFMD coordination service",
        f"  Admin (Support Unit)  {base}/admin/",
        f"  API root              {base}/api/v1/",
        f"  API docs (Swagger)    {base}/api/docs/",
        f"  API reference (ReDoc) {base}/api/redoc/",
        f"Demo logins (password '{demo.DEMO_PASSWORD}'):",
        f"  Staff login           {demo.STAFF_USERNAME}",
        "  focal point (API)     focal.germany",
        f"  partner client        CLIENT_ID={demo.DEMO_CLIENT_ID}",
        f"                        CLIENT_SECRET={demo.DEMO_CLIENT_SECRET}",
        f"Emails: {emails}",
        "",
    ]
