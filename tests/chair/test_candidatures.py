"""The candidature pipeline driving the troika; endorsement by a Steering Group decision;
chairmanship terms on dates and the hand-over."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gfmd.enums import CandidatureState, DecisionOutcome
from gfmd.models import Candidature, EditionChair, MeetingDecision
from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.models import ActivityLog, Notification, WebhookEvent
from gfmd.selectors.editions import troika_for_edition, troika_on
from gfmd.services import candidatures as svc
from tests.factories import FocalPointFactory, StaffFactory, UserFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return StaffFactory()


def _confirmed_colombia(world, staff):
    col = svc.candidature_offer(
        actor=staff, edition=world["colombia"], country=country("COL"), offered_on=date(2023, 5, 1)
    )
    svc.candidature_consider(actor=staff, candidature=col)
    svc.candidature_endorse(actor=staff, candidature=col, decision=world["endorsement"])
    return svc.candidature_confirm(actor=staff, candidature=col)


def _seat(seats, position):
    return next(s for s in seats if s.position == position)


def test_candidate_shows_on_future_seat_as_candidate_then_chair(chair_world, staff):
    col = svc.candidature_offer(
        actor=staff,
        edition=chair_world["colombia"],
        country=country("COL"),
        offered_on=date(2023, 5, 1),
    )
    future = _seat(troika_for_edition(chair_world["france"]), "future")
    assert [c.iso3 for c in future.candidates] == ["COL"]
    assert future.chairs == []
    assert not future.known and "COL" not in [c.iso3 for c in future.chairs]

    svc.candidature_consider(actor=staff, candidature=col)
    svc.candidature_endorse(actor=staff, candidature=col, decision=chair_world["endorsement"])
    future = _seat(troika_for_edition(chair_world["france"]), "future")
    assert [c.iso3 for c in future.candidates] == ["COL"]  # endorsed: still a candidate

    svc.candidature_confirm(actor=staff, candidature=col)
    future = _seat(troika_for_edition(chair_world["france"]), "future")
    assert [c.iso3 for c in future.chairs] == ["COL"]
    assert future.candidates == [] and future.known


def test_troika_follows_terms_on_dates(chair_world, staff):
    _confirmed_colombia(chair_world, staff)
    svc.chairmanship_hand_over(
        actor=staff,
        outgoing=chair_world["france"],
        incoming=chair_world["colombia"],
        on=date(2024, 4, 1),
    )
    before = troika_on(date(2024, 3, 31))
    after = troika_on(date(2024, 4, 1))
    assert _seat(before, "present").edition == chair_world["france"]
    assert [c.iso3 for c in _seat(before, "future").chairs] == ["COL"]
    assert _seat(after, "present").edition == chair_world["colombia"]
    assert [c.iso3 for c in _seat(after, "past").chairs] == ["FRA"]

    fra_chair = EditionChair.objects.get(edition=chair_world["france"])
    col = Candidature.objects.get(country__iso3="COL")
    assert fra_chair.term_end == date(2024, 3, 31)
    assert col.state == CandidatureState.IN_OFFICE and col.chair.term_start == date(2024, 4, 1)
    assert Candidature.objects.get(pk=chair_world["fra"].pk).state == CandidatureState.HANDED_OVER
    assert troika_on(date(2021, 6, 1)) is None


def test_endorsement_requires_steering_group_decision(chair_world, staff):
    col = svc.candidature_offer(
        actor=staff,
        edition=chair_world["colombia"],
        country=country("COL"),
        offered_on=date(2023, 5, 1),
    )
    svc.candidature_consider(actor=staff, candidature=col)
    with pytest.raises(DomainError) as error:
        svc.candidature_endorse(actor=staff, candidature=col, decision=chair_world["not_sg"])
    assert error.value.code == "not_a_steering_group_endorsement"
    noted = MeetingDecision.objects.create(
        agenda_item=chair_world["item"],
        text="Noted.",
        decided_on=date(2023, 10, 2),
        outcome=DecisionOutcome.NOTED,
    )
    with pytest.raises(DomainError):
        svc.candidature_endorse(actor=staff, candidature=col, decision=noted)
    col.refresh_from_db()
    assert col.state == CandidatureState.UNDER_CONSIDERATION and col.endorsement is None

    # validation names the field; the database refuses an endorsed state without decision
    col.state, col.endorsement = CandidatureState.ENDORSED, chair_world["not_sg"]
    with pytest.raises(ValidationError) as invalid:
        col.full_clean()
    assert "endorsement" in invalid.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Candidature.objects.filter(pk=col.pk).update(state=CandidatureState.ENDORSED)
    # the database also refuses a decision of another body, or one that only notes
    for decision in (chair_world["not_sg"], noted):
        with pytest.raises(IntegrityError), transaction.atomic():
            Candidature.objects.filter(pk=col.pk).update(
                state=CandidatureState.ENDORSED, endorsement=decision
            )
    Candidature.objects.filter(pk=col.pk).update(
        state=CandidatureState.ENDORSED, endorsement=chair_world["endorsement"]
    )


def test_pipeline_order_is_enforced_and_logged(chair_world, staff):
    col = svc.candidature_offer(
        actor=staff,
        edition=chair_world["colombia"],
        country=country("COL"),
        offered_on=date(2023, 5, 1),
    )
    with pytest.raises(ConflictError):
        svc.candidature_confirm(actor=staff, candidature=col)
    with pytest.raises(DomainError):
        svc.candidature_withdraw(actor=staff, candidature=col, reason="  ")
    svc.candidature_withdraw(actor=staff, candidature=col, reason="Elections")
    actions = list(
        ActivityLog.objects.filter(object_id=str(col.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["candidature.offer", "candidature.withdraw"]


def test_withdrawn_confirmed_chair_leaves_the_edition(chair_world, staff):
    col = _confirmed_colombia(chair_world, staff)
    assert chair_world["colombia"].chairs.filter(iso3="COL").exists()
    svc.candidature_withdraw(actor=staff, candidature=col, reason="Change of government")
    assert not chair_world["colombia"].chairs.exists()


def test_hand_over_refusals(chair_world, staff):
    with pytest.raises(ConflictError):  # nobody confirmed for 2024 yet
        svc.chairmanship_hand_over(
            actor=staff,
            outgoing=chair_world["france"],
            incoming=chair_world["colombia"],
            on=date(2024, 4, 1),
        )
    _confirmed_colombia(chair_world, staff)
    with pytest.raises(DomainError):
        svc.chairmanship_hand_over(
            actor=staff,
            outgoing=chair_world["colombia"],
            incoming=chair_world["france"],
            on=date(2024, 4, 1),
        )
    with pytest.raises(DomainError):  # before France took office
        svc.chairmanship_hand_over(
            actor=staff,
            outgoing=chair_world["france"],
            incoming=chair_world["colombia"],
            on=date(2021, 4, 1),
        )
    # taking office while France's term is open overlaps it
    col = Candidature.objects.get(country__iso3="COL")
    with pytest.raises(ValidationError):
        svc.candidature_take_office(actor=staff, candidature=col, on=date(2024, 4, 1))
    assert Candidature.objects.get(pk=col.pk).state == CandidatureState.CONFIRMED


def test_db_rejects_overlapping_terms_and_unordered_term(chair_world):
    col = EditionChair.objects.create(edition=chair_world["colombia"], country=country("COL"))
    with pytest.raises(IntegrityError), transaction.atomic():
        EditionChair.objects.filter(pk=col.pk).update(term_start=date(2024, 4, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        EditionChair.objects.filter(pk=col.pk).update(term_end=date(2024, 4, 1))
    fra = EditionChair.objects.get(edition=chair_world["france"])
    with pytest.raises(IntegrityError), transaction.atomic():
        EditionChair.objects.filter(pk=fra.pk).update(term_end=date(2021, 1, 1))
    # a joint chair of the same edition shares the term
    EditionChair.objects.create(
        edition=chair_world["france"], country=country("DEU"), term_start=date(2022, 1, 1)
    )
    EditionChair.objects.filter(pk=fra.pk).update(term_end=date(2024, 3, 31))
    EditionChair.objects.filter(edition=chair_world["france"]).update(term_end=date(2024, 3, 31))
    EditionChair.objects.filter(pk=col.pk).update(term_start=date(2024, 4, 1))


def test_db_rejects_second_active_candidature_and_chair_less_confirmation(chair_world, staff):
    col = svc.candidature_offer(
        actor=staff,
        edition=chair_world["colombia"],
        country=country("COL"),
        offered_on=date(2023, 5, 1),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Candidature.objects.create(
            edition=chair_world["colombia"], country=country("COL"), offered_on=date(2023, 6, 1)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Candidature.objects.filter(pk=col.pk).update(
            state=CandidatureState.CONFIRMED, endorsement=chair_world["endorsement"]
        )


def test_steps_emit_webhooks_and_tell_focal_points(
    chair_world, staff, django_capture_on_commit_callbacks
):
    user = UserFactory(email="focal@col.example")
    FocalPointFactory(user=user, country=country("COL"), organisation=None)
    from gfmd.platform.models import WebhookEndpoint

    WebhookEndpoint.objects.create(
        url="https://partner.example/hook",
        event_types=["candidature.offered", "candidature.state_changed"],
        secret="x" * 32,
    )
    with django_capture_on_commit_callbacks():
        _confirmed_colombia(chair_world, staff)
    types = list(WebhookEvent.objects.values_list("event_type", flat=True))
    assert types.count("candidature.state_changed") == 3 and "candidature.offered" in types
    assert Notification.objects.filter(recipient_user=user).count() == 4
