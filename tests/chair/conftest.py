"""Scenario for the Chair's cycle: three editions in order, a Steering Group meeting with
an endorsing decision, staff and a focal point of the future chair."""

from datetime import date

import pytest

from gfmd.enums import DecisionOutcome, MeetingBody
from gfmd.models import AgendaItem, Candidature, EditionChair, MeetingDecision
from tests.factories import EditionFactory, MeetingFactory, country


@pytest.fixture
def chair_world(db):
    france = EditionFactory(ordinal=15, year_start=2022, year_end=2023, title="GFMD 2022-2023")
    colombia = EditionFactory(ordinal=16, year_start=2024, title="GFMD 2024")
    future = EditionFactory(ordinal=17, year_start=2025, title="GFMD 2025")
    sg = MeetingFactory(
        edition=france, body=MeetingBody.STEERING_GROUP, start_date=date(2023, 10, 2)
    )
    item = AgendaItem.objects.create(meeting=sg, position=1, title="The next Chair")
    endorsement = MeetingDecision.objects.create(
        agenda_item=item,
        text="The Steering Group endorses Colombia's offer to chair the GFMD in 2024.",
        decided_on=date(2023, 10, 2),
        outcome=DecisionOutcome.ENDORSED,
    )
    friends = MeetingFactory(
        edition=france, body=MeetingBody.FRIENDS_OF_THE_FORUM, start_date=date(2023, 10, 3)
    )
    friends_item = AgendaItem.objects.create(meeting=friends, position=1, title="Next Chair")
    not_sg = MeetingDecision.objects.create(
        agenda_item=friends_item,
        text="The Friends of the Forum welcome the offer.",
        decided_on=date(2023, 10, 3),
        outcome=DecisionOutcome.ENDORSED,
    )
    # France chairs in office since 2022 (its candidature predates the service: a chair
    # row with a term, handed over through the service).
    fra_chair = EditionChair.objects.create(
        edition=france, country=country("FRA"), term_start=date(2022, 1, 1)
    )
    fra = Candidature.objects.create(
        edition=france,
        country=country("FRA"),
        offered_on=date(2020, 12, 1),
        state="in_office",
        endorsement=endorsement,
        chair=fra_chair,
    )
    return {
        "france": france,
        "colombia": colombia,
        "future": future,
        "endorsement": endorsement,
        "not_sg": not_sg,
        "fra": fra,
        "item": item,
    }
