"""Meeting decisions: the record other records (candidatures, deliverables) point at."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gfmd.enums import DecisionOutcome, MeetingBody
from gfmd.models import AgendaItem, MeetingDecision
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    meeting = MeetingFactory(body=MeetingBody.STEERING_GROUP, start_date=date(2023, 10, 2))
    return AgendaItem.objects.create(meeting=meeting, position=1, title="Next Chair")


def test_decision_links_any_record_as_its_subject(item):
    decision = MeetingDecision.objects.create(
        agenda_item=item,
        text="The Steering Group adopts its work plan.",
        decided_on=date(2023, 10, 2),
        outcome=DecisionOutcome.ADOPTED,
        subject=item.meeting,
    )
    decision.refresh_from_db()
    assert decision.subject == item.meeting
    assert list(item.decisions.all()) == [decision]


def test_db_rejects_half_given_subject_and_empty_text(item):
    base = dict(agenda_item=item, decided_on=date(2023, 10, 2), outcome=DecisionOutcome.NOTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingDecision.objects.create(text="x", subject_id=5, **base)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingDecision.objects.create(text="", **base)
    decision = MeetingDecision.objects.create(text="Noted.", **base)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingDecision.objects.filter(pk=decision.pk).update(
            subject_type=ContentType.objects.get_for_model(AgendaItem)
        )


def test_validation_refuses_decision_before_meeting_and_missing_subject(item):
    decision = MeetingDecision(
        agenda_item=item,
        text="Endorsed.",
        decided_on=date(2023, 10, 1),
        outcome=DecisionOutcome.ENDORSED,
        subject_type=ContentType.objects.get_for_model(AgendaItem),
        subject_id=999999,
    )
    with pytest.raises(ValidationError) as error:
        decision.full_clean()
    assert set(error.value.message_dict) == {"decided_on", "subject_id"}
