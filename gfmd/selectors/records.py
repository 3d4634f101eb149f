"""Querysets the API lists, scoped to the caller and fetched in a fixed number of queries."""

from django.db.models import Prefetch

from gfmd.models import (
    AgendaItem,
    Attendance,
    BalancePolicy,
    Country,
    FocalPoint,
    FriendsParticipation,
    Meeting,
    Organisation,
    SteeringGroupMembership,
)
from gfmd.models.countries import search_key
from gfmd.rules import can_read_records, mechanism_bodies
from gfmd.selectors.mechanisms import meetings_of_mechanisms


def _readable(user, queryset):
    return queryset if can_read_records(user) else queryset.none()


def countries_for_user(user):
    return _readable(user, Country.objects.order_by("name"))


def countries_matching(queryset, term: str):
    """Countries whose names, alternative names or codes contain every word of `term`,
    ignoring case and diacritics (the API's `?search=` and the admin's search box)."""
    for word in search_key(term or "").split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def organisations_for_user(user):
    return _readable(
        user, Organisation.objects.select_related("headquarters").order_by("name", "id")
    )


def focal_points_for_user(user):
    return _readable(
        user,
        FocalPoint.objects.select_related("user", "country", "organisation", "mechanism").order_by(
            "user__last_name", "user__first_name", "id"
        ),
    )


def steering_memberships_for_user(user):
    return _readable(
        user,
        SteeringGroupMembership.objects.select_related("country").order_by(
            "country__name", "start_date", "id"
        ),
    )


def balance_policies_for_user(user):
    return _readable(user, BalancePolicy.objects.order_by("-effective_from"))


def friends_for_user(user):
    return _readable(
        user,
        FriendsParticipation.objects.select_related("edition", "country", "organisation").order_by(
            "edition__ordinal", "role", "country__name", "organisation__name", "id"
        ),
    )


def meetings_for_user(user):
    queryset = (
        Meeting.objects.select_related("country")
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("position"))
        )
        .order_by("start_date", "id")
    )
    if can_read_records(user):
        return queryset
    mine = mechanism_bodies(user)  # a mechanism focal point: its mechanism's meetings
    return meetings_of_mechanisms(queryset, mine) if mine else queryset.none()


def agenda_items_for_user(user):
    return _readable(user, AgendaItem.objects.order_by("meeting_id", "position"))


def attendances_for_user(user):
    return _readable(
        user,
        Attendance.objects.select_related(
            "meeting", "country", "organisation", "mechanism"
        ).order_by("meeting_id", "id"),
    )
