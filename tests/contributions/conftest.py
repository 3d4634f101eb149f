"""The ledger scenario: three chairmanships in order; Colombia's budget in USD; pledges in
USD (Germany, at a pledging meeting) and CHF (Switzerland), IOM's in-kind secondment; a
receipt settling part of Germany's pledge; a carry-over in EUR from France's chairmanship.
Germany and Morocco sit on the Steering Group."""

from datetime import date
from decimal import Decimal

import pytest

from contributions.models import Budget, BudgetLine, CarryOver, Pledge, Receipt
from gfmd.enums import MeetingBody
from gfmd.models import SteeringGroupMembership
from tests.factories import (
    EditionFactory,
    FocalPointFactory,
    MeetingFactory,
    OrganisationFactory,
    country,
)


@pytest.fixture
def ledger(db):
    france = EditionFactory(ordinal=15, year_start=2022, year_end=2023, title="GFMD 2022-2023")
    colombia = EditionFactory(ordinal=16, year_start=2024, title="GFMD 2024")
    iom = OrganisationFactory(acronym="IOM", name="International Organization for Migration")
    pledging = MeetingFactory(
        edition=colombia, body=MeetingBody.FRIENDS_OF_THE_FORUM, start_date=date(2024, 4, 20)
    )
    budget = Budget.objects.create(edition=colombia, currency="USD")
    BudgetLine.objects.create(
        budget=budget, line="summit", amount=Decimal("900000"), chair_covers=Decimal("600000")
    )
    BudgetLine.objects.create(
        budget=budget, line="support_unit", amount=Decimal("300000"), chair_covers=Decimal("0")
    )
    deu = Pledge.objects.create(
        edition=colombia,
        country=country("DEU"),
        kind="cash",
        currency="USD",
        amount=Decimal("100000"),
        pledged_on=date(2024, 4, 20),
        pledging_meeting=pledging,
    )
    che = Pledge.objects.create(
        edition=colombia,
        country=country("CHE"),
        kind="cash",
        currency="CHF",
        amount=Decimal("50000"),
        earmarked=True,
        earmark="Summit interpretation",
        pledged_on=date(2024, 5, 2),
    )
    in_kind = Pledge.objects.create(
        edition=colombia,
        organisation=iom,
        kind="in_kind",
        in_kind_type="secondment",
        currency="USD",
        value_estimate=Decimal("20000"),
        pledged_on=date(2024, 5, 10),
    )
    receipt = Receipt.objects.create(
        edition=colombia,
        country=country("DEU"),
        kind="cash",
        currency="USD",
        amount=Decimal("60000"),
        received_on=date(2024, 6, 1),
        pledge=deu,
    )
    carry = CarryOver.objects.create(
        from_edition=france,
        to_edition=colombia,
        currency="EUR",
        amount=Decimal("10000"),
        on=date(2024, 4, 1),
    )
    for iso3 in ("DEU", "MAR"):
        SteeringGroupMembership.objects.create(country=country(iso3), start_date=date(2020, 1, 1))
    return {
        "france": france,
        "colombia": colombia,
        "iom": iom,
        "budget": budget,
        "deu": deu,
        "che": che,
        "in_kind": in_kind,
        "receipt": receipt,
        "carry": carry,
        "pledging": pledging,
    }


@pytest.fixture
def org_focal_point(ledger):
    """A focal point of IOM, the organisation with the in-kind pledge."""
    return FocalPointFactory(organisation=ledger["iom"]).user
