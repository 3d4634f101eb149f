from django.db import migrations

# A deliverable's adoption must be a Steering Group meeting's decision that adopts or
# endorses: checked by the service (roundtables/services/deliverables.py) and here by the
# database (PostgreSQL) when the link is written, like a candidature's endorsement.
# ERRCODE check_violation reaches Django as an IntegrityError.
ADOPTION_CHECK = """
CREATE OR REPLACE FUNCTION roundtables_paper_adoption_check() RETURNS trigger AS $$
BEGIN
    IF NEW.adoption_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM gfmd_meetingdecision d
        JOIN gfmd_agendaitem a ON a.id = d.agenda_item_id
        JOIN gfmd_meeting m ON m.id = a.meeting_id
        WHERE d.id = NEW.adoption_id
          AND m.body = 'steering_group'
          AND d.outcome IN ('adopted', 'endorsed')
    ) THEN
        RAISE EXCEPTION 'paper %%: the adoption must be a Steering Group decision '
            'that adopts or endorses', NEW.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER roundtables_paper_adoption_check
    BEFORE INSERT OR UPDATE OF adoption_id ON roundtables_workingpaper
    FOR EACH ROW EXECUTE FUNCTION roundtables_paper_adoption_check();
"""
DROP_ADOPTION_CHECK = """
DROP TRIGGER IF EXISTS roundtables_paper_adoption_check ON roundtables_workingpaper;
DROP FUNCTION IF EXISTS roundtables_paper_adoption_check();
"""


def adoption_check(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADOPTION_CHECK)


def drop_adoption_check(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_ADOPTION_CHECK)


class Migration(migrations.Migration):
    dependencies = [
        ("roundtables", "0010_outcome_documents"),
    ]

    operations = [migrations.RunPython(adoption_check, drop_adoption_check)]
