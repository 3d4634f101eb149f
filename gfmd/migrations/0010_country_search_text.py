"""Country.search_text: names, alternative names and codes folded for search, filled by the
loader (data/country_alt_names.csv, data/PROVENANCE.md)."""

from django.db import migrations, models


def forwards(apps, schema_editor):
    from gfmd.services.countries import countries_load

    countries_load(model=apps.get_model("gfmd", "Country"))


class Migration(migrations.Migration):
    dependencies = [("gfmd", "0009_purge_idempotency_keys")]
    operations = [
        migrations.AddField(
            model_name="country",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
