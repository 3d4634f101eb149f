"""Notifications (queued on commit, idempotent) and the celery-beat reminders."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from gfmd.config.celery import app
from gfmd.platform.enums import NotificationStatus
from gfmd.platform.models import Notification
from gfmd.platform.services.notifications import notification_deliver
from roundtables.enums import Decision, PaperState
from roundtables.models import CoChair
from roundtables.services.cochairs import cochair_confirm, cochair_decline
from roundtables.services.inputs import input_decide, input_submit
from roundtables.services.papers import paper_finalise, paper_open_consultation
from roundtables.services.reminders import remind_consultation_deadlines, remind_open_seats
from tests.conftest import wait_for
from tests.factories import FocalPointFactory, StaffFactory, country
from tests.roundtables.factories import RoundtableFactory, SessionFactory, edition_2020, set_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(fresh_world):
    """Made per test: this module also runs a real worker (a transactional test)."""
    return fresh_world


@pytest.fixture
def proposal(world):
    session = SessionFactory(roundtable=world.session.roundtable, number=2)
    return CoChair.objects.create(session=session, country=country("DEU"), origin="nominated")


def test_confirmation_email_is_sent_only_after_commit(
    world, proposal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        cochair_confirm(actor=world.users["staff"], cochair=proposal)
        row = Notification.objects.get(key__startswith=f"rt-cochair:{proposal.pk}:confirmed")
        assert row.status == NotificationStatus.PENDING
    assert mail.outbox == [] and len(callbacks) == 1  # nothing sent before commit

    callbacks[0]()  # the commit happens

    assert [m.to for m in mail.outbox] == [[world.users["cochair"].email]]
    assert "RT 1.2" in mail.outbox[0].subject
    row.refresh_from_db()
    assert row.status == NotificationStatus.SENT


def test_rolled_back_change_sends_nothing(world, proposal, django_capture_on_commit_callbacks):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        cochair_confirm(actor=world.users["staff"], cochair=proposal)
        raise RuntimeError("roll back")
    assert mail.outbox == [] and not Notification.objects.exists()


def test_decline_email_states_reason(world, proposal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        cochair_decline(actor=world.users["staff"], cochair=proposal, reason="Seat promised")
    assert len(mail.outbox) == 1 and "Seat promised" in mail.outbox[0].body


def test_delivery_is_idempotent(world, proposal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        cochair_confirm(actor=world.users["staff"], cochair=proposal)
    row = Notification.objects.get()

    assert notification_deliver(notification_id=row.pk) == "skipped"  # a redelivered task
    assert len(mail.outbox) == 1


def test_input_decision_notifies_submitter_once_per_decision(
    world, django_capture_on_commit_callbacks
):
    paper = set_state(world.paper, PaperState.CONSULTATION)
    item = input_submit(actor=world.users["friend"], paper=paper, text="Add data")
    staff = world.users["staff"]
    with django_capture_on_commit_callbacks(execute=True):
        input_decide(actor=staff, item=item, decision=Decision.INCLUDED, reason="Sound evidence")
        input_decide(actor=staff, item=item, decision=Decision.INCLUDED, reason="Sound evidence")
    assert [m.to for m in mail.outbox] == [[world.users["friend"].email]]
    assert "Included" in mail.outbox[0].body


def test_consultation_and_final_notify_the_edition_audience(
    world, django_capture_on_commit_callbacks
):
    paper = set_state(world.paper, PaperState.DRAFTING)
    staff = world.users["staff"]
    expected = {
        world.users[r].email
        for r in ("chair", "cochair", "team", "steering", "friend", "observer", "mechanism")
    }  # the mechanism: a Friends of the Forum seat, consulted like observers
    with django_capture_on_commit_callbacks(execute=True):
        paper_open_consultation(
            actor=staff, paper=paper, deadline=timezone.now() + timedelta(days=20)
        )
    assert {m.to[0] for m in mail.outbox} == expected  # not the bystander nor the outsider
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        paper_finalise(actor=staff, paper=paper)
    assert {m.to[0] for m in mail.outbox} == expected
    assert all("final" in m.subject.lower() for m in mail.outbox)


def test_beat_schedule_has_editable_reminder_tasks():
    tasks = {t.task: t for t in PeriodicTask.objects.filter(task__startswith="roundtables.")}
    assert json.loads(tasks["roundtables.remind_consultation_deadlines"].kwargs) == {
        "days_before": 3
    }
    assert json.loads(tasks["roundtables.remind_open_seats"].kwargs) == {"weeks_before": 8}
    assert all(t.enabled and t.crontab_id for t in tasks.values())
    app.loader.import_default_modules()
    assert set(tasks) <= set(app.tasks)


def test_consultation_deadline_reminder_respects_lead_time_and_answers(world):
    paper = set_state(world.paper, PaperState.CONSULTATION)
    paper.consultation_deadline = timezone.now() + timedelta(days=2)
    paper.save()
    input_submit(actor=world.users["friend"], paper=paper, text="Our input")

    assert remind_consultation_deadlines(days_before=1) == 0  # not yet within 1 day
    sent = remind_consultation_deadlines(days_before=3)
    again = remind_consultation_deadlines(days_before=3)

    recipients = set(
        Notification.objects.filter(key__startswith="rt-deadline:").values_list(
            "recipient_email", flat=True
        )
    )
    assert again == 0 and sent == len(recipients)
    assert recipients == {
        world.users[r].email
        for r in ("chair", "cochair", "team", "steering", "observer", "mechanism")
    }  # Brazil already answered


def test_consultation_reminder_skips_a_mechanism_that_answered(world):
    paper = set_state(world.paper, PaperState.CONSULTATION)
    paper.consultation_deadline = timezone.now() + timedelta(days=2)
    paper.save()
    input_submit(actor=world.users["mechanism"], paper=paper, text="The mayors' input")

    remind_consultation_deadlines(days_before=3)

    recipients = set(
        Notification.objects.filter(key__startswith="rt-deadline:").values_list(
            "recipient_email", flat=True
        )
    )
    assert world.users["friend"].email in recipients
    assert world.users["mechanism"].email not in recipients


def test_reminder_task_reads_lead_time_from_the_periodic_task(world):
    paper = set_state(world.paper, PaperState.CONSULTATION)
    paper.consultation_deadline = timezone.now() + timedelta(days=10)
    paper.save()
    task = PeriodicTask.objects.get(task="roundtables.remind_consultation_deadlines")
    app.loader.import_default_modules()

    def run():
        return app.tasks[task.task].apply(kwargs=json.loads(task.kwargs)).get()

    assert run() == 0  # 3 days: too early
    task.kwargs = json.dumps({"days_before": 14})  # staff edit the schedule in the admin
    task.save()
    assert run() == 7


def test_open_seat_reminder_weeks_before_forum(world):
    session = SessionFactory(roundtable=world.session.roundtable, number=2, title="Open one")
    extra_staff = StaffFactory()

    assert remind_open_seats(weeks_before=4) == 0  # the Forum is 6 weeks away
    sent = remind_open_seats(weeks_before=8)

    rows = Notification.objects.filter(key__startswith="rt-open-seats:")
    assert sent == rows.count() == 3
    assert set(rows.values_list("recipient_email", flat=True)) == {
        world.users["staff"].email,
        extra_staff.email,
        world.users["chair"].email,
    }
    assert f"{session.code} Open one: open developed, developing seat" in rows.first().body
    assert remind_open_seats(weeks_before=8) == 0  # idempotent


@pytest.mark.slow
def test_confirmation_email_through_real_worker_once(celery_worker):
    staff = StaffFactory()
    session = SessionFactory(roundtable=RoundtableFactory(edition=edition_2020()))
    focal = FocalPointFactory(country=country("DEU")).user
    proposal = CoChair.objects.create(session=session, country=country("DEU"), origin="nominated")

    cochair_confirm(actor=staff, cochair=proposal)  # autocommit: enqueued on commit

    row = wait_for(lambda: Notification.objects.filter(status=NotificationStatus.SENT).first())
    wait_for(lambda: list(celery_worker.iterdir()))
    assert row.recipient_email == focal.email
    # A retried task (e.g. redelivered after a worker crash) sends nothing new.
    app.tasks["gfmd.deliver_notification"].delay(notification_id=row.pk)
    import time

    time.sleep(2)
    assert len(list(celery_worker.iterdir())) == 1
    mail_text = next(celery_worker.iterdir()).read_text()
    assert "Co-chair confirmed" in mail_text and focal.email in mail_text
