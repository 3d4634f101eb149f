"""On PostgreSQL, refuse UPDATE and DELETE on the activity log (append-only by the database).

The hash chain makes tampering evident; this trigger makes it hard. A database superuser
can still bypass triggers, which is what `verify_activity_log` is for. TRUNCATE is left to
the table owner's privileges (the test runner flushes tables with it); in production the
service's role should not own the table.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION gfmd_activitylog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'gfmd_activitylog is append-only (%% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER gfmd_activitylog_append_only
    BEFORE UPDATE OR DELETE ON gfmd_activitylog
    FOR EACH ROW EXECUTE FUNCTION gfmd_activitylog_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS gfmd_activitylog_append_only ON gfmd_activitylog;
DROP FUNCTION IF EXISTS gfmd_activitylog_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("gfmd", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
