"""Passport data deleted after the retention period by the scheduled task; CSD delegates
fed into the registration without retyping (idempotent); emails in the participant's
language."""

from datetime import date, timedelta

import pytest
from django_celery_beat.models import PeriodicTask

from gfmd.platform.models import ActivityLog, Notification
from registration.models import Participant, PassportData
from registration.services.decisions import participant_reject
from registration.services.participants import Passport, participant_nominate
from registration.services.privacy import passport_data_purge
from registration.tasks import purge_passport_data
from tests.civil_society.factories import CSDEditionFactory, DelegateFactory
from tests.factories import StaffFactory, country
from tests.registration.factories import summit as make_summit

pytestmark = pytest.mark.django_db


def _with_passport(summit, staff, name="Anna Schmidt"):
    return participant_nominate(
        actor=staff,
        registration=summit.registration,
        category=summit.government,
        country=country("DEU"),
        full_name=name,
        email="anna@example.org",
        visa_letter_needed=True,
        passport=Passport(country("DEU"), "C01X00T47", date(1975, 3, 2)),
    )


def test_purge_deletes_passport_data_after_the_retention_period(summit):
    participant = _with_passport(summit, StaffFactory())
    meeting = summit.registration.meeting
    meeting.start_date = date(2030, 1, 20)
    meeting.end_date = date(2030, 1, 22)
    meeting.save()
    summit.registration.passport_retention_days = 30
    summit.registration.save()

    assert passport_data_purge(today=date(2030, 2, 21)) == 0  # the 30th day: still kept
    assert PassportData.objects.filter(participant=participant).exists()
    assert passport_data_purge(today=date(2030, 2, 22)) == 1
    assert not PassportData.objects.filter(participant=participant).exists()
    summit.registration.refresh_from_db()
    assert summit.registration.passport_data_purged_at is not None
    assert Participant.objects.filter(pk=participant.pk).exists()  # the record stays
    entry = ActivityLog.objects.get(action="registration.passport_data_purged")
    assert entry.data == {"deleted": 1}
    assert passport_data_purge(today=date(2030, 3, 1)) == 0  # idempotent


def test_the_purge_task_runs_daily_from_beat():
    # The migration registered the task with django-celery-beat.
    task = PeriodicTask.objects.get(task="registration.purge_passport_data")
    assert task.interval.every == 1 and task.interval.period == "days"


def test_the_task_purges_past_meetings_only():
    staff = StaffFactory()
    past = make_summit()
    past.registration.meeting.start_date = date.today() - timedelta(days=100)
    past.registration.meeting.save()
    future = make_summit()
    old, new = _with_passport(past, staff), _with_passport(future, staff, "Bea Neu")

    assert purge_passport_data() == 1
    assert not PassportData.objects.filter(participant=old).exists()
    assert PassportData.objects.filter(participant=new).exists()


def test_selected_csd_delegates_are_fed_in_once(api):
    staff = StaffFactory()
    csd = CSDEditionFactory()
    summit = make_summit(meeting__edition=csd.edition)
    selected = DelegateFactory(application__csd_edition=csd, status="selected")
    DelegateFactory(application__csd_edition=csd, status="waitlisted", waitlist_position=1)
    url = f"/api/v1/registrations/{summit.registration.pk}/feed-csd-delegates/"

    first = api(staff).post(url)
    again = api(staff).post(url)

    assert first.json() == {"added": 1} and again.json() == {"added": 0}
    participant = Participant.objects.get(csd_delegate=selected)
    assert participant.category == summit.csd and participant.state == "submitted"
    assert participant.full_name == selected.full_name
    assert participant.organisation == selected.application.organisation.organisation


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("fr", "Votre inscription à GFMD Summit"),
        ("es", "Su inscripción para GFMD Summit"),
    ],
)
def test_decision_email_in_the_participants_language(summit, language, subject):
    staff = StaffFactory()
    participant = participant_nominate(
        actor=staff,
        registration=summit.registration,
        category=summit.government,
        country=country("DEU"),
        full_name="Anna Schmidt",
        email="anna@example.org",
        language=language,
        submit=True,
    )
    participant_reject(actor=staff, participant=participant, reason="Duplicate")
    notice = Notification.objects.get(key__startswith=f"registration:{participant.pk}:rejected")
    assert notice.subject == subject and "Duplicate" in notice.body
