"""A reach is computed in one query on PostgreSQL and with one query per membership table
elsewhere (the SQLite file of `make run`): both must give the same reach for every kind of
member, including the edge cases of Steering Group terms."""

import io
from datetime import date

import pytest

from gfmd import demo as gfmd_demo
from gfmd.models import (
    Edition,
    FocalPoint,
    FriendsParticipation,
    MechanismParticipation,
    WorkingGroupChair,
    WorkingGroupMember,
)
from roundtables import demo
from roundtables.models import Session, TeamMembership
from roundtables.rules import focal_point_bodies, mechanism_bodies
from roundtables.selectors.reach import reach_by_model, reach_in_one_query
from tests.conftest import per_test_copy, refuse_transactional_neighbours, rows_kept_for_the_module
from tests.factories import (
    EditionFactory,
    FocalPointFactory,
    MechanismFactory,
    SteeringMemberFactory,
    WorkingGroupFactory,
    country,
)

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def _member_rows(request, django_db_setup, django_db_blocker):
    refuse_transactional_neighbours(request)
    with rows_kept_for_the_module(django_db_blocker):
        yield _make_members()


@pytest.fixture
def members(_member_rows, db):
    """The demo programme plus every kind of member and Steering Group edge case, made once
    for the module; returns the late edition (Forum meeting into January)."""
    return per_test_copy(_member_rows)


def _make_members():
    out = io.StringIO()
    gfmd_demo.load(out)
    demo.load(out)
    # A term that starts after 31 December still overlaps an edition whose Forum meeting
    # ran into January; a term that ended the day before an edition's year does not.
    late = EditionFactory(ordinal=90, year_start=2090, end_date=date(2091, 1, 20))
    EditionFactory(ordinal=91, year_start=2092)
    SteeringMemberFactory(
        country=country("ISL"), start_date=date(2091, 1, 10), end_date=date(2091, 12, 31)
    )
    SteeringMemberFactory(country=country("URY"), start_date=date(2080, 1, 1), end_date=None)
    SteeringMemberFactory(
        country=country("FJI"), start_date=date(2085, 1, 1), end_date=date(2089, 12, 31)
    )
    # Two governments one user represents, both Friends of the same edition.
    for iso3 in ("ISL", "URY", "FJI"):
        FocalPointFactory(country=country(iso3))
    two = FocalPointFactory(country=country("NOR")).user
    FocalPointFactory(user=two, country=country("AUT"))
    for iso3 in ("NOR", "AUT"):
        FriendsParticipation.objects.create(edition=late, country=country(iso3), role="participant")
    # ... and on a session's government team (accepted), and one request still open.
    sessions = Session.objects.order_by("id")
    TeamMembership.objects.create(session=sessions[0], country=country("NOR"), state="accepted")
    TeamMembership.objects.create(session=sessions[1], country=country("AUT"))
    # A mechanism: a Friends seat over the late edition, a place on a team, a working group
    # it co-chairs (with Norway) and one its Steering Group seat's neighbour is a member of.
    youth = MechanismFactory(code="reach-youth")
    MechanismParticipation.objects.create(
        mechanism=youth, body="friends_of_the_forum", start_date=date(2090, 6, 1)
    )
    TeamMembership.objects.create(session=sessions[0], mechanism=youth, state="accepted")
    FocalPointFactory(mechanism=youth)
    group = WorkingGroupFactory(name="Reach group")
    WorkingGroupChair.objects.create(working_group=group, mechanism=youth)
    WorkingGroupChair.objects.create(working_group=group, country=country("NOR"))
    WorkingGroupMember.objects.create(working_group=group, country=country("AUT"))
    return late


def test_both_ways_give_the_same_reach_for_every_focal_point(members):
    users = {fp.user for fp in FocalPoint.objects.select_related("user")}
    assert len(users) >= 9
    kinds = set()
    for user in users:
        countries, organisations = focal_point_bodies(user)
        mechanisms = mechanism_bodies(user)
        one = reach_in_one_query(countries, organisations, mechanisms)
        assert one == reach_by_model(countries, organisations, mechanisms), user.username
        kinds |= {name for name, value in vars(one).items() if value}
    assert kinds >= {
        "chair_editions",
        "steering_editions",
        "friend_editions",
        "observer_editions",
        "cochair_sessions",
        "team_sessions",
        "mechanism_editions",
        "chaired_groups",
        "member_groups",
    }


def test_steering_terms_count_the_forum_meeting_after_the_year(members):
    isl = reach_in_one_query(frozenset({country("ISL").pk}), frozenset())
    assert members.pk in isl.steering_editions
    fji = reach_in_one_query(frozenset({country("FJI").pk}), frozenset())
    assert not fji.steering_editions & {members.pk}
    ury = reach_in_one_query(frozenset({country("URY").pk}), frozenset())
    assert {members.pk, Edition.objects.get(ordinal=91).pk} <= ury.steering_editions
