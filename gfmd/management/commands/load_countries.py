from django.core.management.base import BaseCommand

from gfmd.services.countries import COUNTRIES_CSV, countries_load


class Command(BaseCommand):
    help = "Load or refresh the UN M49 country list (idempotent; keeps staff overrides)."

    def handle(self, *args, **options):
        result = countries_load(actor=None)
        self.stdout.write(
            f"{COUNTRIES_CSV.name}: {result['created']} created, {result['updated']} updated, "
            f"{result['total']} countries in total."
        )
