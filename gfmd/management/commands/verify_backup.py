from django.core.management.base import BaseCommand, CommandError

from gfmd.platform.services.backups import BackupError, backup_verify


class Command(BaseCommand):
    help = "Check a backup's files against its manifest (sizes, SHA-256); exit 1 if any differ."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="A gfmd-backup-<UTC time>/ directory.")

    def handle(self, *args, **options):
        try:
            manifest = backup_verify(options["backup"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backup intact: {len(manifest['files'])} files, "
            f"{sum(manifest['row_counts'].values())} rows in {len(manifest['row_counts'])} "
            f"tables, taken {manifest['created_at']}, "
            f"activity log ends at {manifest['activity_log_last_hash'][:16] or '(empty)'}."
        )
