from django.core.management.base import BaseCommand, CommandError

from gfmd.platform.services.activity import verify_chain


class Command(BaseCommand):
    help = "Verify the activity log's hash chain; name the first broken entry (exit 1 if any)."

    def handle(self, *args, **options):
        report = verify_chain()
        if not report.ok:
            raise CommandError(
                f"Activity log broken at entry #{report.first_broken_id}: {report.reason} "
                f"({report.checked} entries before it are intact)."
            )
        self.stdout.write(f"Activity log intact: {report.checked} entries verified.")
