import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test.utils import CaptureQueriesContext

from gfmd.models import Organisation
from gfmd.platform.models import ActivityLog
from gfmd.platform.services.activity import GENESIS_HASH, log_action, verify_chain
from gfmd.platform.services.records import record_delete, record_save
from tests.factories import OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _tamper(sql, params):
    """Edit the log as a database superuser would, bypassing the append-only trigger."""
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        cursor.execute("SET session_replication_role = DEFAULT")


def test_record_save_logs_actor_action_and_changed_fields():
    staff = StaffFactory()
    org = record_save(actor=staff, instance=Organisation(name="IOM", kind="un_agency"))
    org.acronym = "IOM"
    record_save(actor=staff, instance=org)

    created, updated = ActivityLog.objects.order_by("id")
    assert (created.action, created.actor_label, created.actor_kind) == (
        "organisation.create",
        staff.username,
        "user",
    )
    assert updated.action == "organisation.update"
    assert updated.data == {"changes": {"acronym": ["", "IOM"]}}
    assert updated.object_id == str(org.pk)


def test_unchanged_save_writes_no_entry():
    staff = StaffFactory()
    org = record_save(actor=staff, instance=Organisation(name="ILO", kind="un_agency"))
    record_save(actor=staff, instance=org)
    assert ActivityLog.objects.count() == 1


def test_delete_is_logged_with_snapshot():
    staff = StaffFactory()
    org = OrganisationFactory(name="Gone")
    record_delete(actor=staff, instance=org)
    entry = ActivityLog.objects.get()
    assert entry.action == "organisation.delete" and entry.data["deleted"]["name"] == "Gone"


def test_secrets_are_masked():
    org = OrganisationFactory()
    entry = log_action(
        None,
        org,
        "client.rotate",
        {"client_secret": "s3cr3t", "nested": {"password": "p", "ok": 1}},
    )
    assert entry.data == {"client_secret": "***", "nested": {"password": "***", "ok": 1}}
    assert entry.actor_kind == "system"


def test_chain_links_each_entry_to_the_previous():
    org = OrganisationFactory()
    first = log_action(None, org, "a.one")
    second = log_action(None, org, "a.two")
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert verify_chain().ok and verify_chain().checked == 2


def test_an_entry_inside_the_callers_transaction_takes_no_savepoint():
    org = OrganisationFactory()
    assert connection.in_atomic_block  # the test's transaction, as a service's would be
    with CaptureQueriesContext(connection) as ctx:
        entry = log_action(None, org, "a.one")
    statements = [q["sql"].split()[0].upper() for q in ctx.captured_queries]
    assert "SAVEPOINT" not in statements and "RELEASE" not in statements
    assert ActivityLog.objects.get(pk=entry.pk).hash == entry.hash


def test_database_refuses_update_and_delete_of_entries():
    entry = log_action(None, OrganisationFactory(), "a.one")
    with pytest.raises(DatabaseError), transaction.atomic():
        ActivityLog.objects.filter(pk=entry.pk).update(action="forged")
    with pytest.raises(DatabaseError), transaction.atomic():
        ActivityLog.objects.filter(pk=entry.pk).delete()


def test_verify_names_first_edited_entry():
    org = OrganisationFactory()
    entries = [log_action(None, org, f"a.{n}", {"n": n}) for n in range(4)]
    _tamper("UPDATE gfmd_activitylog SET data = %s WHERE id = %s", ['{"n": 99}', entries[1].pk])

    report = verify_chain()

    assert (report.first_broken_id, report.checked) == (entries[1].pk, 1)
    assert "content" in report.reason
    with pytest.raises(CommandError, match=f"entry #{entries[1].pk}"):
        call_command("verify_activity_log")


def test_verify_names_entry_after_a_deleted_one():
    org = OrganisationFactory()
    entries = [log_action(None, org, f"a.{n}") for n in range(3)]
    _tamper("DELETE FROM gfmd_activitylog WHERE id = %s", [entries[1].pk])

    report = verify_chain()

    assert report.first_broken_id == entries[2].pk
    assert "link" in report.reason


def test_verify_command_reports_intact_chain(capsys):
    log_action(None, OrganisationFactory(), "a.one")
    call_command("verify_activity_log")
    assert "1 entries verified" in capsys.readouterr().out
