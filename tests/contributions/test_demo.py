"""The demo: Colombia's chairmanship from 1 April 2024, a candidate on the future seat, a
budget with pledges in two currencies, an in-kind pledge, a receipt and a carry-over."""

import io
from datetime import date
from decimal import Decimal

import pytest

from contributions import demo as contributions_demo
from contributions.models import Pledge
from contributions.selectors.report import chairmanship_report
from gfmd import demo as gfmd_demo
from gfmd.selectors.editions import troika_on

pytestmark = pytest.mark.django_db


def test_demo_loads_colombias_chairmanship_and_ledger_once():
    out = io.StringIO()
    gfmd_demo.load(out)
    contributions_demo.load(out)
    contributions_demo.load(out)  # idempotent
    assert "already loaded" in out.getvalue()

    before, after = troika_on(date(2024, 3, 31)), troika_on(date(2024, 4, 1))
    assert [c.iso3 for c in before[1].chairs] == ["FRA"]
    assert [c.iso3 for c in after[1].chairs] == ["COL"]
    assert after[2].chairs == [] and [c.iso3 for c in after[2].candidates] == ["PHL"]

    colombia = after[1].edition
    report = chairmanship_report(colombia)
    assert set(report["pledged"]) == {"USD", "CHF"}
    assert report["received"] == {"USD": Decimal("100000")}
    assert report["carried_in"] == {"EUR": Decimal("45000")}
    assert Pledge.objects.filter(edition=colombia, kind="in_kind").count() == 1
    assert chairmanship_report(colombia, to="USD")["converted"]["currency"] == "USD"
