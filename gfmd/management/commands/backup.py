from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gfmd.platform.services.backups import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump of one consistent snapshot) and the uploaded files "
        "into a new directory with a manifest of SHA-256 checksums and row counts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(Path(settings.BASE_DIR) / "var" / "backups"),
            help="Directory that receives gfmd-backup-<UTC time>/ (default: var/backups).",
        )
        parser.add_argument("--pg-bin-dir", help="Where pg_dump is, if not on PATH.")

    def handle(self, *args, **options):
        try:
            path = backup_create(output_dir=Path(options["output"]), bin_dir=options["pg_bin_dir"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(path))
