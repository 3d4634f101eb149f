"""The nomination workflow: quotas with an explained outcome, the waitlist, substitution,
reasons, the head-of-delegation rule (service and database), the window."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.models import ActivityLog, Notification, WebhookEndpoint, WebhookEvent
from gfmd.platform.services.webhooks import new_secret
from registration.enums import ParticipantState
from registration.models import Participant
from registration.services.decisions import (
    participant_approve,
    participant_reject,
    participants_bulk_approve,
)
from registration.services.participants import (
    Passport,
    participant_cancel,
    participant_nominate,
    participant_submit,
    participant_substitute,
    participant_update,
)
from tests.factories import FocalPointFactory, StaffFactory, country

pytestmark = pytest.mark.django_db


def _nominate(summit, actor, name, *, head=False, iso3="DEU", submit=True, **fields):
    return participant_nominate(
        actor=actor,
        registration=summit.registration,
        category=summit.government,
        country=country(iso3),
        full_name=name,
        email=f"{name.split()[0].lower()}@example.org",
        is_head_of_delegation=head,
        submit=submit,
        **fields,
    )


def test_approve_until_the_delegation_quota_is_full_then_waitlist_with_the_reason(summit):
    staff = StaffFactory()
    head = _nominate(summit, staff, "Anna Head", head=True)
    first = _nominate(summit, staff, "Bernd One")
    second = _nominate(summit, staff, "Clara Two")
    third = _nominate(summit, staff, "Dieter Three")

    outcomes = [participant_approve(actor=staff, participant=p) for p in (head, first, second)]
    late = participant_approve(actor=staff, participant=third)

    assert [o.outcome for o in outcomes] == ["approved"] * 3
    assert "head of delegation of Germany: 1 of 1" in outcomes[0].explanation
    assert "Government delegation, Germany: 2 of 2" in outcomes[2].explanation
    third.refresh_from_db()
    assert late.outcome == third.state == ParticipantState.WAITLISTED
    assert third.waitlist_position == 1
    assert third.explanation == (
        "Waitlisted at position 1: the quota Government delegation, Germany is full "
        "(2 of 2 seats taken)."
    )
    assert late.quotas == [
        {
            "quota_id": summit.government.quotas.get().pk,
            "label": "Government delegation, Germany",
            "seats": 2,
            "taken": 2,
            "full": True,
        }
    ]
    entry = ActivityLog.objects.filter(action="participant.waitlist").get()
    assert entry.data["quotas"][0]["full"] is True


def test_other_delegations_keep_their_own_seats(summit):
    staff = StaffFactory()
    for name in ("Ali One", "Ben Two"):
        participant_approve(actor=staff, participant=_nominate(summit, staff, name))
    french = _nominate(summit, staff, "Chloe Trois", iso3="FRA")

    assert participant_approve(actor=staff, participant=french).outcome == "approved"


def test_overall_quota_names_the_whole_category():
    from tests.registration.factories import summit as make

    summit = make(overall=1)
    staff = StaffFactory()
    participant_approve(actor=staff, participant=_nominate(summit, staff, "Ali One"))
    decision = participant_approve(
        actor=staff, participant=_nominate(summit, staff, "Bea Deux", iso3="FRA")
    )

    assert decision.outcome == "waitlisted"
    assert "Government delegation (whole category) is full (1 of 1" in decision.explanation


def test_a_freed_seat_goes_to_the_first_on_the_waitlist(summit):
    staff = StaffFactory()
    seated = [_nominate(summit, staff, n) for n in ("Ali One", "Ben Two")]
    waiting = [_nominate(summit, staff, n) for n in ("Cem Three", "Dora Four")]
    participants_bulk_approve(actor=staff, participants=seated + waiting)
    assert [Participant.objects.get(pk=p.pk).waitlist_position for p in waiting] == [1, 2]

    participant_cancel(actor=staff, participant=seated[0], reason="Ill")

    first, second = (Participant.objects.get(pk=p.pk) for p in waiting)
    assert first.state == ParticipantState.APPROVED and first.waitlist_position is None
    assert second.state == ParticipantState.WAITLISTED and second.waitlist_position == 1


def test_substitution_keeps_the_seat_and_the_history(summit):
    staff = StaffFactory()
    head = _nominate(summit, staff, "Anna Head", head=True)
    participant_approve(actor=staff, participant=head)

    substitute = participant_substitute(
        actor=staff,
        participant=head,
        reason="Minister cannot travel",
        full_name="Birgit Deputy",
        email="birgit@example.org",
    )

    head.refresh_from_db()
    assert head.state == ParticipantState.SUBSTITUTED and head.reason == "Minister cannot travel"
    assert substitute.state == ParticipantState.APPROVED
    assert substitute.is_head_of_delegation and substitute.substitutes == head
    assert head.substituted_by == substitute
    assert ActivityLog.objects.filter(action="participant.substitute").exists()
    assert ActivityLog.objects.filter(action="participant.substitute_for").exists()
    # The seat moved, it did not free: the quota still counts one head.
    other = _nominate(summit, staff, "Carl Other")
    assert participant_approve(actor=staff, participant=other).outcome == "approved"


def test_rejection_needs_a_reason(summit):
    staff = StaffFactory()
    participant = _nominate(summit, staff, "Ali One")

    with pytest.raises(DomainError) as refused:
        participant_reject(actor=staff, participant=participant, reason="  ")
    assert refused.value.field == "reason"
    participant_reject(actor=staff, participant=participant, reason="Not a delegate")
    participant.refresh_from_db()
    assert participant.state == "rejected" and participant.reason == "Not a delegate"


def test_database_refuses_a_rejection_without_reason(summit):
    participant = _nominate(summit, StaffFactory(), "Ali One")
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.filter(pk=participant.pk).update(state="rejected", reason="")


def test_one_head_of_delegation_per_delegation(summit):
    staff = StaffFactory()
    _nominate(summit, staff, "Anna Head", head=True)

    with pytest.raises(Exception) as refused:
        _nominate(summit, staff, "Bert Head", head=True)
    assert "already has a head of delegation" in str(refused.value)
    # Another country's head is fine.
    _nominate(summit, staff, "Chloe Head", head=True, iso3="FRA")


def test_database_refuses_a_second_head(summit):
    staff = StaffFactory()
    _nominate(summit, staff, "Anna Head", head=True)
    other = _nominate(summit, staff, "Bert Two")
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.filter(pk=other.pk).update(is_head_of_delegation=True)


def test_a_cancelled_head_frees_the_role(summit):
    staff = StaffFactory()
    head = _nominate(summit, staff, "Anna Head", head=True)
    participant_cancel(actor=staff, participant=head)
    assert _nominate(summit, staff, "Bert Head", head=True).is_head_of_delegation


def test_focal_point_nominates_only_for_their_delegation(summit):
    germany = FocalPointFactory(country=country("DEU")).user
    assert _nominate(summit, germany, "Ali One").country.iso3 == "DEU"
    with pytest.raises(DomainError) as refused:
        _nominate(summit, germany, "Bea Deux", iso3="FRA")
    assert refused.value.field == "country"


def test_delegations_cannot_nominate_outside_the_window(summit):
    summit.registration.closes_at = timezone.now() - timedelta(days=1)
    summit.registration.opens_at = timezone.now() - timedelta(days=5)
    summit.registration.save()
    germany = FocalPointFactory(country=country("DEU")).user
    with pytest.raises(DomainError) as refused:
        _nominate(summit, germany, "Ali One")
    assert refused.value.code == "registration_closed"
    # Late changes run until the late-change deadline.
    staff_made = _nominate(summit, StaffFactory(), "Bea Deux")
    assert participant_cancel(actor=germany, participant=staff_made).state == "cancelled"


def test_visa_letter_needs_passport_data_to_submit(summit):
    staff = StaffFactory()
    participant = _nominate(summit, staff, "Ali One", submit=False, visa_letter_needed=True)
    with pytest.raises(DomainError) as refused:
        participant_submit(actor=staff, participant=participant)
    assert refused.value.field == "passport"

    participant_update(
        actor=staff,
        participant=participant,
        passport=Passport(country("DEU"), "C01X00T47", date(1980, 5, 1)),
    )
    assert participant_submit(actor=staff, participant=participant).state == "submitted"


def test_passport_data_is_masked_in_the_activity_log(summit):
    staff = StaffFactory()
    participant = _nominate(
        summit,
        staff,
        "Ali One",
        visa_letter_needed=True,
        passport=Passport(country("DEU"), "C01X00T47", date(1980, 5, 1)),
    )
    entries = ActivityLog.objects.filter(object_id=str(participant.pk))
    dumped = str(list(entries.values_list("data", flat=True)))
    assert "C01X00T47" not in dumped and "1980" not in dumped
    assert "*******47" in dumped


def test_state_changes_emit_webhooks_and_email_the_participant(
    summit, django_capture_on_commit_callbacks
):
    staff = StaffFactory()
    WebhookEndpoint.objects.create(
        url="https://partner.example.org/hook",
        event_types=["registration.participant_state_changed"],
        secret=new_secret(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        participant = _nominate(summit, staff, "Ali One")
        participant_approve(actor=staff, participant=participant)

    events = WebhookEvent.objects.filter(event_type="registration.participant_state_changed")
    assert sorted(e.payload["data"]["to"] for e in events) == ["approved", "submitted"]
    approved = Notification.objects.get(key__startswith=f"registration:{participant.pk}:approved")
    assert approved.subject == "Registration approved: GFMD Summit"
    assert any(m.subject == approved.subject for m in mail.outbox)


def test_invalid_transition_is_a_conflict(summit):
    staff = StaffFactory()
    participant = _nominate(summit, staff, "Ali One", submit=False)
    with pytest.raises(ConflictError):
        participant_approve(actor=staff, participant=participant)


def test_speakers_ask_for_sessions_of_the_meetings_edition_only(summit):
    from tests.roundtables.factories import SessionFactory

    staff = StaffFactory()
    own = SessionFactory(roundtable__edition=summit.registration.meeting.edition)
    foreign = SessionFactory()

    speaker = _nominate(summit, staff, "Ali One", speaking_sessions=[own])
    assert list(speaker.speaking_sessions.all()) == [own]
    with pytest.raises(DomainError) as refused:
        _nominate(summit, staff, "Bea Two", speaking_sessions=[foreign])
    assert refused.value.field == "speaking_sessions"
    assert not Participant.objects.filter(full_name="Bea Two").exists()


def test_category_kind_decides_the_delegation(summit):
    staff = StaffFactory()
    with pytest.raises(DomainError) as refused:
        participant_nominate(
            actor=staff,
            registration=summit.registration,
            category=summit.media,
            country=country("DEU"),
            full_name="Pia Press",
            email="pia@example.org",
        )
    assert refused.value.field == "category"
    observer = participant_nominate(
        actor=staff,
        registration=summit.registration,
        category=summit.observer,
        organisation=summit.iom,
        full_name="Omar Obs",
        email="omar@example.org",
    )
    assert observer.delegation == summit.iom
