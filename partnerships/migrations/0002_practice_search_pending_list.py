# A GIN index queues new entries in a pending list that every search reads in full until
# VACUUM or the list's limit merges it (4 MB by default: 5,000 queued practices cost each
# search about 2.5 ms). 256 kB bounds that read; writes merge the list more often.
from django.db import migrations


def limit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER INDEX practice_search_gin SET (gin_pending_list_limit = 256)"
        )


def unlimit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER INDEX practice_search_gin RESET (gin_pending_list_limit)")


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_practices_tags_and_talk_calls")]

    operations = [migrations.RunPython(limit, unlimit)]
