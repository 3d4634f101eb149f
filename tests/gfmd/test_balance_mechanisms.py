"""The balance report: mechanisms listed apart (never counted), each member's migration
perspective, unbroken years on the Steering Group, and the informal rotation rule."""

from datetime import date

import pytest

from gfmd.models import MechanismParticipation
from gfmd.selectors.balance import balance_report
from gfmd.services.countries import country_override_perspective
from tests.factories import (
    BalancePolicyFactory,
    MechanismFactory,
    StaffFactory,
    SteeringMemberFactory,
    country,
)

pytestmark = pytest.mark.django_db

ON = date(2024, 6, 1)


def _seat(report, iso3):
    return next(seat for seat in report.seats if seat.iso3 == iso3)


def test_mechanisms_are_listed_apart_and_governments_alone_are_counted():
    BalancePolicyFactory(effective_from=date(2000, 1, 1), required_regions=[])
    SteeringMemberFactory(country=country("DEU"), start_date=date(2020, 1, 1))
    SteeringMemberFactory(country=country("MAR"), start_date=date(2020, 1, 1))
    mayors = MechanismFactory(code="mayors", name="Mayors Mechanism")
    business = MechanismFactory(code="business", name="Business Mechanism")
    for mechanism in (mayors, business):
        MechanismParticipation.objects.create(
            mechanism=mechanism, body="steering_group", start_date=date(2019, 1, 1)
        )
    MechanismParticipation.objects.create(  # Friends of the Forum only: not in the report
        mechanism=MechanismFactory(code="youth"), body="friends_of_the_forum", start_date=ON
    )

    report = balance_report(ON)

    assert (report.total, report.developed, report.developing) == (2, 1, 1)
    assert [m.mechanism.code for m in report.mechanisms] == ["business", "mayors"]
    assert report.is_balanced


def test_perspective_with_staff_override_and_reason():
    BalancePolicyFactory(effective_from=date(2000, 1, 1), required_regions=[])
    mex = country("MEX")
    mex.migration_perspective = "origin"
    mex.save(update_fields=["migration_perspective"])
    SteeringMemberFactory(country=mex, start_date=date(2020, 1, 1))
    SteeringMemberFactory(country=country("DEU"), start_date=date(2020, 1, 1))

    before = balance_report(ON)
    assert _seat(before, "MEX").perspective == "origin"
    assert before.perspectives == {"origin": 1, "transit": 0, "destination": 0, "unknown": 1}

    country_override_perspective(
        actor=StaffFactory(), country=mex, perspective="transit", reason="Transit policy 2023"
    )
    after = _seat(balance_report(ON), "MEX")
    assert (after.perspective, after.perspective_overridden) == ("transit", True)
    assert after.perspective_override_reason == "Transit policy 2023"


def test_years_count_unbroken_terms_and_rotation_is_a_warning():
    BalancePolicyFactory(
        effective_from=date(2000, 1, 1), required_regions=[], max_consecutive_years=4
    )
    # Germany: two terms back to back since 2018 (6 full years); Morocco since 2022.
    SteeringMemberFactory(
        country=country("DEU"), start_date=date(2018, 1, 1), end_date=date(2020, 12, 31)
    )
    SteeringMemberFactory(country=country("DEU"), start_date=date(2021, 1, 1))
    # Mexico served 2010-2012, left, and is back since 2023: only the current run counts.
    SteeringMemberFactory(
        country=country("MEX"), start_date=date(2010, 1, 1), end_date=date(2012, 12, 31)
    )
    SteeringMemberFactory(country=country("MEX"), start_date=date(2023, 1, 1))
    SteeringMemberFactory(country=country("MAR"), start_date=date(2022, 1, 1))

    report = balance_report(ON)

    assert _seat(report, "DEU").serving_since == date(2018, 1, 1)
    assert _seat(report, "DEU").consecutive_years == 6
    assert _seat(report, "MEX").consecutive_years == 1
    assert _seat(report, "MAR").consecutive_years == 2
    assert report.due_to_rotate == ["DEU"]
    assert any("DEU" in w and "4" in w for w in report.warnings)
    assert report.total == 3  # a warning, nobody is removed


def test_no_rotation_rule_means_nobody_is_due():
    BalancePolicyFactory(effective_from=date(2000, 1, 1), required_regions=[])
    SteeringMemberFactory(country=country("DEU"), start_date=date(2000, 1, 1))
    assert balance_report(ON).due_to_rotate == []


def test_balance_report_api_shows_mechanisms_perspective_and_rotation(focal_point, api):
    BalancePolicyFactory(
        effective_from=date(2000, 1, 1), required_regions=[], max_consecutive_years=3
    )
    SteeringMemberFactory(country=country("DEU"), start_date=date(2018, 1, 1))
    MechanismParticipation.objects.create(
        mechanism=MechanismFactory(code="civil-society", name="Civil Society"),
        body="steering_group",
        start_date=date(2018, 1, 1),
    )
    body = api(focal_point).get("/api/v1/steering-group/balance/?on=2024-06-01").json()
    assert body["total"] == 1
    assert [m["code"] for m in body["mechanisms"]] == ["civil-society"]
    assert body["due_to_rotate"] == ["DEU"]
    assert body["seats"][0]["consecutive_years"] == 6
    assert body["policy"]["max_consecutive_years"] == 3


def test_balance_report_queries_do_not_grow_with_members(django_assert_max_num_queries):
    BalancePolicyFactory(
        effective_from=date(2000, 1, 1), required_regions=[], max_consecutive_years=3
    )
    from tests.factories import _states

    for state in _states(40):
        SteeringMemberFactory(country=state, start_date=date(2018, 1, 1))
    with django_assert_max_num_queries(4):
        report = balance_report(ON)
        assert len(report.seats) == 40
