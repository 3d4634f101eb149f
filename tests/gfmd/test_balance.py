from datetime import date
from decimal import Decimal

import pytest

from gfmd.selectors.balance import balance_report, report_date_for_edition
from gfmd.services.countries import country_override_development
from tests.factories import (
    BalancePolicyFactory,
    EditionFactory,
    StaffFactory,
    SteeringMemberFactory,
    country,
)

pytestmark = pytest.mark.django_db

ON = date(2015, 6, 1)


def _members(*iso3s, start=date(2010, 1, 1), end=None):
    for iso3 in iso3s:
        SteeringMemberFactory(country=country(iso3), start_date=start, end_date=end)


def test_balance_counts_developed_developing_and_regions():
    BalancePolicyFactory(required_regions=["Africa", "Americas", "Asia", "Europe", "Oceania"])
    _members("DEU", "FRA", "MAR", "MEX", "PHL")

    report = balance_report(ON)

    assert (report.total, report.developed, report.developing) == (5, 2, 3)
    assert report.developed_share == Decimal("0.40")
    assert report.regions_represented == ["Africa", "Americas", "Asia", "Europe"]
    assert report.regions_missing == ["Oceania"]
    assert report.required_regions_missing == ["Oceania"]
    assert report.warnings == ["Required regions not represented: Oceania."]


def test_balance_warns_when_share_outside_policy_tolerance():
    BalancePolicyFactory(
        target_developed_share=Decimal("0.50"), tolerance=Decimal("0.10"), required_regions=[]
    )
    _members("DEU", "FRA", "ITA", "MAR")  # 3 of 4 developed = 0.75

    report = balance_report(ON)

    assert not report.is_balanced
    assert "0.75 is outside" in report.warnings[0]


def test_balance_within_tolerance_has_no_warning():
    BalancePolicyFactory(required_regions=["Africa", "Europe"])
    _members("DEU", "FRA", "MAR", "SEN", "ITA")  # 0.60: at the edge, inside

    assert balance_report(ON).warnings == []


def test_balance_counts_only_terms_running_on_the_date():
    BalancePolicyFactory(required_regions=[])
    _members("DEU", start=date(2010, 1, 1), end=date(2014, 12, 31))
    _members("MAR", start=date(2016, 1, 1))
    _members("MEX")

    assert [m.country.iso3 for m in balance_report(ON).members] == ["MEX"]


def test_balance_uses_policy_in_force_on_the_date():
    BalancePolicyFactory(effective_from=date(2000, 1, 1), required_regions=["Oceania"])
    BalancePolicyFactory(effective_from=date(2016, 1, 1), required_regions=["Asia"])
    _members("PHL")

    assert balance_report(ON).required_regions_missing == ["Oceania"]
    assert balance_report(date(2017, 1, 1)).required_regions_missing == []


def test_balance_applies_override_and_shows_reason():
    BalancePolicyFactory(required_regions=[])
    _members("KOR", "DEU")
    country_override_development(
        actor=StaffFactory(), country=country("KOR"), status="developed", reason="OECD DAC member"
    )

    report = balance_report(ON)

    assert (report.developed, report.developing) == (2, 0)
    assert report.overrides == [
        {
            "country": "South Korea",
            "iso3": "KOR",
            "default": "developing",
            "override": "developed",
            "reason": "OECD DAC member",
        }
    ]


def test_balance_without_policy_or_members_warns():
    report = balance_report(ON)

    assert "No balance policy is in force on this date." in report.warnings
    assert "The Steering Group has no members on this date." in report.warnings


def test_edition_report_date_is_forum_start_else_mid_year():
    assert report_date_for_edition(
        EditionFactory(year_start=2019, start_date=date(2020, 1, 20))
    ) == date(2020, 1, 20)
    assert report_date_for_edition(EditionFactory(year_start=2021)) == date(2021, 7, 1)


def test_report_payloads_written_by_one_serializer_per_process_match_fresh_ones():
    from django.utils import translation

    from gfmd.api.serializers import BalanceReportSerializer, TroikaSeatSerializer
    from gfmd.platform.api.serializers import _REPORT_SERIALIZERS, represent
    from gfmd.selectors.editions import troika_for_edition

    BalancePolicyFactory(required_regions=["Africa", "Oceania"], max_consecutive_years=3)
    _members("DEU", "FRA", "ITA", "MAR")
    edition = EditionFactory()
    for on in (ON, date(2009, 1, 1)):  # a report with members, then an empty one
        for language in ("en", "fr", "es"):
            with translation.override(language):
                report = balance_report(on)
                assert represent(BalanceReportSerializer, report) == (
                    BalanceReportSerializer(report).data
                )
    seats = troika_for_edition(edition)
    assert represent(TroikaSeatSerializer, seats, many=True) == (
        TroikaSeatSerializer(seats, many=True).data
    )
    built = [key for key in _REPORT_SERIALIZERS if key[0] is BalanceReportSerializer]
    assert built == [(BalanceReportSerializer, False)]
