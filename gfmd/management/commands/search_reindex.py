from django.core.management.base import BaseCommand

from gfmd.platform.search.index import reindex_all


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index (docs/search.md): every record type, or those "
        "named. Writes keep it current on their own; run this after a restore or the demo."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="*", help="record types, e.g. paper input")

    def handle(self, *args, sources, **options):
        counts = reindex_all(sources or None)
        total = sum(counts.values())
        self.stdout.write(f"Search index: {total} entries for {len(counts)} record types.")
