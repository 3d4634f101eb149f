"""Who hears about what: the bodies of an edition and their focal points."""

from datetime import date

from django.db.models import Q

from gfmd.enums import FriendsRole
from gfmd.models import (
    EditionChair,
    FocalPoint,
    FriendsParticipation,
    MechanismParticipation,
    SteeringGroupMembership,
)
from gfmd.platform.roles import SUPPORT_UNIT_GROUP
from roundtables.enums import CoChairState, Consulted, TeamState
from roundtables.models import CoChair, TeamMembership
from roundtables.rules import edition_period


def chair_country_ids(edition) -> set[int]:
    return set(EditionChair.objects.filter(edition=edition).values_list("country_id", flat=True))


def steering_country_ids(edition) -> set[int]:
    first, last = edition_period(edition)
    return set(
        SteeringGroupMembership.objects.filter(start_date__lte=last)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
        .values_list("country_id", flat=True)
    )


def friends_audience(edition) -> tuple[set[int], set[int]]:
    """(country ids, organisation ids) of the Friends of the Forum of `edition`: the chair,
    the Steering Group, the participating governments and the observer organisations."""
    countries = chair_country_ids(edition) | steering_country_ids(edition)
    organisations = set()
    for country_id, organisation_id, role in FriendsParticipation.objects.filter(
        edition=edition
    ).values_list("country_id", "organisation_id", "role"):
        if role == FriendsRole.PARTICIPANT:
            countries.add(country_id)
        else:
            organisations.add(organisation_id)
    return countries, organisations


def seated_mechanism_ids(edition) -> set[int]:
    """Mechanisms with a Steering Group or Friends of the Forum seat during the edition's
    cycle: they are consulted where observers are (roundtables/selectors/reach.py)."""
    first, last = edition_period(edition)
    return set(
        MechanismParticipation.objects.filter(start_date__lte=last)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
        .values_list("mechanism_id", flat=True)
    )


def paper_mechanism_ids(paper) -> set[int]:
    """The mechanisms a paper's consultation addresses: none for the Steering Group's own
    texts, else every seated mechanism."""
    if paper.kind_spec.consulted == Consulted.STEERING:
        return set()
    return seated_mechanism_ids(paper.edition)


def paper_audience(paper) -> tuple[set[int], set[int]]:
    """Whom the paper's consultation addresses, by its kind (enums.PAPER_KINDS)."""
    consulted = paper.kind_spec.consulted
    if consulted == Consulted.STEERING:
        return chair_country_ids(paper.edition) | steering_country_ids(paper.edition), set()
    if consulted == Consulted.FRIENDS:
        return friends_audience(paper.edition)
    return edition_audience(paper.edition)


def edition_audience(edition, session=None) -> tuple[set[int], set[int]]:
    """(country ids, organisation ids) taking part in `edition`: chair, Steering Group,
    Friends of the Forum, observers, and the co-chairs and team of `session` (or of every
    session when no session is given)."""
    countries, organisations = friends_audience(edition)
    scope = (
        {"session": session} if session is not None else {"session__roundtable__edition": edition}
    )
    countries |= set(
        CoChair.objects.filter(state=CoChairState.CONFIRMED, **scope).values_list(
            "country_id", flat=True
        )
    )
    countries |= set(
        TeamMembership.objects.filter(
            state=TeamState.ACCEPTED, country__isnull=False, **scope
        ).values_list("country_id", flat=True)
    )
    return countries, organisations


def focal_point_users(
    country_ids=(), organisation_ids=(), on: date | None = None, mechanism_ids=()
) -> list:
    """Active focal points' users of the given bodies, each user once, in a fixed order."""
    on = on or date.today()
    points = (
        FocalPoint.objects.filter(
            Q(country_id__in=list(country_ids))
            | Q(organisation_id__in=list(organisation_ids))
            | Q(mechanism_id__in=list(mechanism_ids))
        )
        .filter(start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .filter(user__is_active=True)
        .select_related("user")
        .order_by("user_id", "id")
    )
    seen, users = set(), []
    for point in points:
        if point.user_id not in seen:
            seen.add(point.user_id)
            users.append(point.user)
    return users


def support_unit_users() -> list:
    from django.contrib.auth import get_user_model

    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=SUPPORT_UNIT_GROUP)
        .order_by("id")
        .distinct()
    )
