# The search index's GIN pending list limited to 256 kB (models/search.py says why). The
# index is altered in place, not rebuilt.
import django.contrib.postgres.indexes
from django.db import migrations


def limit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER INDEX searchentry_vector_gin SET (gin_pending_list_limit = 256)"
        )


def unlimit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER INDEX searchentry_vector_gin RESET (gin_pending_list_limit)")


class Migration(migrations.Migration):
    dependencies = [("gfmd", "0023_searchentry_head")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(limit, unlimit)],
            state_operations=[
                migrations.RemoveIndex(model_name="searchentry", name="searchentry_vector_gin"),
                migrations.AddIndex(
                    model_name="searchentry",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["vector"],
                        gin_pending_list_limit=256,
                        name="searchentry_vector_gin",
                    ),
                ),
            ],
        )
    ]
