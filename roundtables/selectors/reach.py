"""A user's reach: the memberships their bodies hold (edition chairs, Steering Group
terms, Friends of the Forum participation or observer status, confirmed co-chairs, team
places, a mechanism's Steering Group or Friends seats, working-group chairs and
members). `roundtables.rules` asks for it once per request (`RoundtablesConfig.ready`
hands it this query) and every predicate reads it.

On PostgreSQL it takes one query (`REACH_SQL`); elsewhere (the SQLite file `make run`
uses) one query per membership table. `tests/roundtables/test_reach.py` checks on
PostgreSQL that both give the same reach for every kind of member.
"""

from django.db import connection
from django.db.models import Q

from gfmd.enums import FriendsRole
from gfmd.models import (
    Edition,
    EditionChair,
    FriendsParticipation,
    MechanismParticipation,
    SteeringGroupMembership,
    WorkingGroupChair,
    WorkingGroupMember,
)
from roundtables.enums import CoChairState, TeamState
from roundtables.models import CoChair, TeamMembership
from roundtables.rules import Reach, edition_period

# One round trip for every membership a reach is made of (it took six queries, on every
# focal point's and partner client's request). Each row: kind, edition, session or body,
# and a name ordering Friends rows as their model does (the last of an edition wins).
REACH_SQL = """
        SELECT 'chair', c.edition_id, NULL::bigint, NULL::text
          FROM gfmd_editionchair c WHERE c.country_id = ANY(%(countries)s)
        UNION ALL
        SELECT 'steering', e.id, NULL, NULL FROM gfmd_edition e WHERE EXISTS (
            SELECT 1 FROM gfmd_steeringgroupmembership m
             WHERE m.country_id = ANY(%(countries)s)
               AND m.start_date <= GREATEST(
                   make_date(COALESCE(e.year_end, e.year_start), 12, 31), e.end_date)
               AND (m.end_date IS NULL OR m.end_date >= make_date(e.year_start, 1, 1)))
        UNION ALL
        SELECT f.role, f.edition_id, COALESCE(f.country_id, f.organisation_id),
               COALESCE(country.name, organisation.name)
          FROM gfmd_friendsparticipation f
          LEFT JOIN gfmd_country country ON country.id = f.country_id
          LEFT JOIN gfmd_organisation organisation ON organisation.id = f.organisation_id
         WHERE f.country_id = ANY(%(countries)s) OR f.organisation_id = ANY(%(organisations)s)
        UNION ALL
        SELECT 'cochair', r.edition_id, c.session_id, NULL
          FROM roundtables_cochair c
          JOIN roundtables_session s ON s.id = c.session_id
          JOIN roundtables_roundtable r ON r.id = s.roundtable_id
         WHERE c.country_id = ANY(%(countries)s) AND c.state = %(confirmed)s
        UNION ALL
        SELECT 'team', r.edition_id, m.session_id, NULL
          FROM roundtables_teammembership m
          JOIN roundtables_session s ON s.id = m.session_id
          JOIN roundtables_roundtable r ON r.id = s.roundtable_id
         WHERE (m.country_id = ANY(%(countries)s) OR m.mechanism_id = ANY(%(mechanisms)s))
           AND m.state = %(accepted)s
        UNION ALL
        SELECT 'mechanism', e.id, MIN(p.mechanism_id), NULL
          FROM gfmd_edition e
          JOIN gfmd_mechanismparticipation p
            ON p.mechanism_id = ANY(%(mechanisms)s)
           AND p.start_date <= GREATEST(
               make_date(COALESCE(e.year_end, e.year_start), 12, 31), e.end_date)
           AND (p.end_date IS NULL OR p.end_date >= make_date(e.year_start, 1, 1))
         GROUP BY e.id
        UNION ALL
        SELECT 'wgchair', NULL, c.working_group_id, NULL
          FROM gfmd_workinggroupchair c
         WHERE c.country_id = ANY(%(countries)s) OR c.mechanism_id = ANY(%(mechanisms)s)
        UNION ALL
        SELECT 'wgmember', NULL, m.working_group_id, NULL
          FROM gfmd_workinggroupmember m
         WHERE m.country_id = ANY(%(countries)s) OR m.organisation_id = ANY(%(organisations)s)
            OR m.mechanism_id = ANY(%(mechanisms)s)
        ORDER BY 1, 4
"""


def compute_reach(
    countries: frozenset, organisations: frozenset, mechanisms: frozenset = frozenset()
) -> Reach:
    if connection.vendor == "postgresql":
        return reach_in_one_query(countries, organisations, mechanisms)
    return reach_by_model(countries, organisations, mechanisms)


def reach_in_one_query(
    countries: frozenset, organisations: frozenset, mechanisms: frozenset = frozenset()
) -> Reach:
    with connection.cursor() as cursor:
        cursor.execute(
            REACH_SQL,
            {
                "countries": sorted(countries),
                "organisations": sorted(organisations),
                "mechanisms": sorted(mechanisms),
                "confirmed": CoChairState.CONFIRMED,
                "accepted": TeamState.ACCEPTED,
            },
        )
        rows = cursor.fetchall()
    found = {
        "chair": set(),
        "steering": set(),
        "cochair": [],
        "team": [],
        "wgchair": set(),
        "wgmember": set(),
    }
    friends, observers, seats = {}, {}, {}
    for kind, edition_id, other_id, _ in rows:
        if kind == "mechanism":
            seats[edition_id] = other_id
        elif kind == FriendsRole.PARTICIPANT:
            friends[edition_id] = other_id
        elif kind == FriendsRole.OBSERVER:
            observers[edition_id] = other_id
        elif kind in ("chair", "steering"):
            found[kind].add(edition_id)
        elif kind in ("wgchair", "wgmember"):
            found[kind].add(other_id)
        else:
            found[kind].append((other_id, edition_id))
    cochairs, team = found["cochair"], found["team"]
    return Reach(
        countries=countries,
        organisations=organisations,
        chair_editions=frozenset(found["chair"]),
        steering_editions=frozenset(found["steering"]),
        friend_editions=friends,
        observer_editions=observers,
        cochair_sessions=frozenset(s for s, _ in cochairs),
        team_sessions=frozenset(s for s, _ in team),
        session_editions=frozenset(e for _, e in cochairs + team),
        mechanisms=mechanisms,
        mechanism_editions=seats,
        chaired_groups=frozenset(found["wgchair"]),
        member_groups=frozenset(found["wgmember"]),
    )


def _mechanism_seats(mechanisms: frozenset) -> dict:
    """edition id -> the (lowest) mechanism id with a seat during the edition's cycle."""
    seats = {}
    terms = list(
        MechanismParticipation.objects.filter(mechanism_id__in=mechanisms).values_list(
            "mechanism_id", "start_date", "end_date"
        )
    )
    if terms:
        for edition in Edition.objects.only("id", "year_start", "year_end", "end_date"):
            first, last = edition_period(edition)
            held = [m for m, s, e in terms if s <= last and (e is None or e >= first)]
            if held:
                seats[edition.id] = min(held)
    return seats


def reach_by_model(
    countries: frozenset, organisations: frozenset, mechanisms: frozenset = frozenset()
) -> Reach:
    chair = frozenset(
        EditionChair.objects.filter(country_id__in=countries).values_list("edition_id", flat=True)
    )
    steering = set()
    terms = list(
        SteeringGroupMembership.objects.filter(country_id__in=countries).values_list(
            "start_date", "end_date"
        )
    )
    if terms:
        for edition in Edition.objects.only("id", "year_start", "year_end", "end_date"):
            first, last = edition_period(edition)
            if any(s <= last and (e is None or e >= first) for s, e in terms):
                steering.add(edition.id)
    friends, observers = {}, {}
    rows = FriendsParticipation.objects.filter(
        Q(country_id__in=countries) | Q(organisation_id__in=organisations)
    ).values_list("edition_id", "country_id", "organisation_id", "role")
    for edition_id, country_id, organisation_id, role in rows:
        if role == FriendsRole.PARTICIPANT:
            friends[edition_id] = country_id
        else:
            observers[edition_id] = organisation_id
    cochairs = list(
        CoChair.objects.filter(country_id__in=countries, state=CoChairState.CONFIRMED).values_list(
            "session_id", "session__roundtable__edition_id"
        )
    )
    team = list(
        TeamMembership.objects.filter(
            Q(country_id__in=countries) | Q(mechanism_id__in=mechanisms), state=TeamState.ACCEPTED
        ).values_list("session_id", "session__roundtable__edition_id")
    )
    return Reach(
        countries=countries,
        organisations=organisations,
        chair_editions=chair,
        steering_editions=frozenset(steering),
        friend_editions=friends,
        observer_editions=observers,
        cochair_sessions=frozenset(s for s, _ in cochairs),
        team_sessions=frozenset(s for s, _ in team),
        session_editions=frozenset(e for _, e in cochairs + team),
        mechanisms=mechanisms,
        mechanism_editions=_mechanism_seats(mechanisms),
        chaired_groups=frozenset(
            WorkingGroupChair.objects.filter(
                Q(country_id__in=countries) | Q(mechanism_id__in=mechanisms)
            ).values_list("working_group_id", flat=True)
        ),
        member_groups=frozenset(
            WorkingGroupMember.objects.filter(
                Q(country_id__in=countries)
                | Q(organisation_id__in=organisations)
                | Q(mechanism_id__in=mechanisms)
            ).values_list("working_group_id", flat=True)
        ),
    )
