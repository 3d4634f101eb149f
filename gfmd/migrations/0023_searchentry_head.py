import django.contrib.postgres.search
from django.db import migrations


def fill_head(apps, schema_editor):
    # An existing index gets its ranking vectors now (`search_reindex` also rewrites them).
    if schema_editor.connection.vendor != "postgresql":
        return
    from gfmd.platform.models.search import HEAD_BODY_CHARS

    schema_editor.execute(
        "UPDATE gfmd_searchentry SET head ="
        " setweight(to_tsvector('gfmd_simple', keywords), 'A')"
        " || setweight(to_tsvector(config::regconfig, title), 'A')"
        f" || setweight(to_tsvector(config::regconfig, left(body, {HEAD_BODY_CHARS})), 'B')"
    )


class Migration(migrations.Migration):
    dependencies = [("gfmd", "0022_one_body_shared_condition")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="head",
            field=django.contrib.postgres.search.SearchVectorField(null=True),
        ),
        migrations.RunPython(fill_head, migrations.RunPython.noop),
    ]
