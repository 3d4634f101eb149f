"""Pledges vs receipts per chairmanship, the carry-over, totals per currency and conversion
only with a rate table; the ledger's rules hold in the database too."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from contributions.models import BudgetLine, CarryOver, ExchangeRate, Pledge, Receipt
from contributions.selectors.report import chairmanship_report
from gfmd.platform.errors import DomainError
from tests.factories import country

pytestmark = pytest.mark.django_db


def _db_rejects(queryset, **values):
    with pytest.raises(IntegrityError), transaction.atomic():
        queryset.update(**values)


def test_report_totals_per_currency_pledges_vs_receipts(ledger):
    report = chairmanship_report(ledger["colombia"])
    assert report["pledged"] == {"CHF": Decimal("50000"), "USD": Decimal("100000")}
    assert report["received"] == {"USD": Decimal("60000")}
    assert report["outstanding"] == {"CHF": Decimal("50000"), "USD": Decimal("40000")}
    assert report["carried_in"] == {"EUR": Decimal("10000")}
    assert report["available"] == {"EUR": Decimal("10000"), "USD": Decimal("60000")}
    assert report["in_kind"]["pledges"] == 1
    assert report["in_kind"]["estimates"] == {"USD": Decimal("20000")}
    assert report["donor_count"] == 3  # Germany, Switzerland, IOM
    assert report["converted"] is None
    budget = report["budget"]
    assert budget["total"] == Decimal("1200000")
    assert budget["chair_covers"] == Decimal("600000")
    assert budget["external_funding"] == Decimal("600000")


def test_carry_over_leaves_one_chair_and_reaches_the_next(ledger):
    france = chairmanship_report(ledger["france"])
    assert france["carried_out"] == {"EUR": Decimal("10000")}
    assert france["available"] == {"EUR": Decimal("-10000")}
    assert france["donor_count"] == 0
    backwards = CarryOver(
        from_edition=ledger["colombia"],
        to_edition=ledger["france"],
        currency="EUR",
        amount=Decimal(1),
        on=date(2024, 4, 1),
    )
    with pytest.raises(ValidationError) as error:
        backwards.full_clean()
    assert "to_edition" in error.value.message_dict


def test_contributors_beside_steering_group_members(ledger):
    rows = {row["name"]: row for row in chairmanship_report(ledger["colombia"])["contributors"]}
    germany, morocco = rows["Germany"], rows["Morocco"]
    assert germany["steering_group_member"] and germany["received"] == {"USD": Decimal("60000")}
    assert morocco["steering_group_member"] and morocco["pledged"] == {}
    assert not rows["Switzerland"]["steering_group_member"]
    assert rows["International Organization for Migration"]["in_kind"] == 1


def test_conversion_only_with_a_complete_rate_table(ledger):
    with pytest.raises(DomainError) as error:
        chairmanship_report(ledger["colombia"], to="USD")
    assert error.value.code == "missing_exchange_rate"
    assert "CHF" in str(error.value.detail) and "EUR" in str(error.value.detail)
    ExchangeRate.objects.create(
        edition=ledger["colombia"],
        currency="CHF",
        target_currency="USD",
        rate=Decimal("1.10"),
        as_of=date(2024, 6, 30),
    )
    with pytest.raises(DomainError):  # EUR still missing: no partial, silent total
        chairmanship_report(ledger["colombia"], to="USD")
    ExchangeRate.objects.create(
        edition=ledger["colombia"],
        currency="EUR",
        target_currency="USD",
        rate=Decimal("1.08"),
        as_of=date(2024, 6, 30),
    )
    converted = chairmanship_report(ledger["colombia"], to="USD")["converted"]
    assert converted["currency"] == "USD"
    assert converted["pledged"] == Decimal("155000.00")  # 100000 + 50000 x 1.10
    assert converted["available"] == Decimal("70800.00")  # 60000 + 10000 x 1.08
    with pytest.raises(DomainError):
        chairmanship_report(ledger["colombia"], to="usd")


def test_receipt_settles_only_a_matching_pledge(ledger):
    wrong_body = Receipt(
        edition=ledger["colombia"],
        country=country("CHE"),
        kind="cash",
        currency="USD",
        amount=Decimal(5),
        received_on=date(2024, 6, 2),
        pledge=ledger["deu"],
    )
    with pytest.raises(ValidationError) as error:
        wrong_body.full_clean()
    assert "pledge" in error.value.message_dict
    wrong_currency = Receipt(
        edition=ledger["colombia"],
        country=country("CHE"),
        kind="cash",
        currency="USD",
        amount=Decimal(5),
        received_on=date(2024, 6, 2),
        pledge=ledger["che"],
    )
    with pytest.raises(ValidationError):
        wrong_currency.full_clean()


def test_db_rejects_broken_contributions(ledger):
    pledges = Pledge.objects.filter(pk=ledger["deu"].pk)
    _db_rejects(pledges, organisation=ledger["iom"])  # two bodies
    _db_rejects(pledges, country=None)  # no body
    _db_rejects(pledges, amount=Decimal(0))
    _db_rejects(pledges, currency="usd")
    _db_rejects(pledges, in_kind_type="logistics")  # cash with an in-kind type
    _db_rejects(pledges, earmarked=True)  # earmarked without a purpose
    _db_rejects(pledges, value_estimate=Decimal(5))  # an estimate on cash
    in_kind = Pledge.objects.filter(pk=ledger["in_kind"].pk)
    _db_rejects(in_kind, amount=Decimal(5))
    _db_rejects(in_kind, in_kind_type="")
    receipts = Receipt.objects.filter(pk=ledger["receipt"].pk)
    _db_rejects(receipts, amount=Decimal(-1))
    _db_rejects(receipts, country=None)


def test_db_rejects_broken_budget_carry_over_and_rates(ledger):
    line = BudgetLine.objects.filter(budget=ledger["budget"], line="summit")
    _db_rejects(line, chair_covers=Decimal("900001"))
    _db_rejects(line, amount=Decimal(-1))
    carry = CarryOver.objects.filter(pk=ledger["carry"].pk)
    _db_rejects(carry, to_edition=ledger["france"])
    _db_rejects(carry, amount=Decimal(0))
    rate = ExchangeRate.objects.create(
        edition=ledger["colombia"],
        currency="CHF",
        target_currency="USD",
        rate=Decimal("1.1"),
        as_of=date(2024, 6, 30),
    )
    rates = ExchangeRate.objects.filter(pk=rate.pk)
    _db_rejects(rates, target_currency="CHF")
    _db_rejects(rates, rate=Decimal(0))
