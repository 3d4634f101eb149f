"""Load the UN M49 reference list (idempotent; `manage.py load_countries` does the same)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from gfmd.services.countries import countries_load

    countries_load(model=apps.get_model("gfmd", "Country"))


class Migration(migrations.Migration):
    dependencies = [("gfmd", "0002_activity_log_append_only")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
