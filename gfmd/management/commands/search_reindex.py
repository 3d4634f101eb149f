from django.core.management.base import BaseCommand
from django.db import connection

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
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # After a bulk rewrite: merge the GIN pending list and refresh the statistics
            # the planner needs to use the index (docs/search.md).
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE gfmd_searchentry")
        total = sum(counts.values())
        self.stdout.write(f"Search index: {total} entries for {len(counts)} record types.")
