from django.core.management.base import BaseCommand, CommandError

from gfmd.platform.services.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup into the empty database of DATABASE_URL and the empty MEDIA_ROOT, "
        "then check every table's row count and the activity log's hash chain."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="A gfmd-backup-<UTC time>/ directory.")
        parser.add_argument("--pg-bin-dir", help="Where pg_restore is, if not on PATH.")

    def handle(self, *args, **options):
        try:
            report = backup_restore(source=options["backup"], bin_dir=options["pg_bin_dir"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if report.problems:
            raise CommandError("Restored, but the check failed:\n" + "\n".join(report.problems))
        self.stdout.write(
            f"Restored and checked: {report.rows} rows in {report.tables} tables match the "
            f"backup, {report.files} files, activity log intact ({report.chain_entries} entries)."
        )
