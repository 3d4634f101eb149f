"""Participants, credentials and the participant list, scoped to the caller.

Staff see everything; a focal point (or a partner client, a focal point of its body) sees
its own delegations' participants and credentials; nobody else sees records. The public
participant list (approved participants) shows each category as its visibility allows,
and on a Chatham House meeting names no one: only delegations and categories.
"""

from django.db.models import Exists, OuterRef, Q

from gfmd.platform.roles import is_support_staff
from gfmd.rules import focal_point_bodies
from registration.enums import CredentialState, ListVisibility, ParticipantState
from registration.models import Credential, Participant, ParticipantCategory, Quota, Registration


def _own(user) -> Q:
    countries, organisations = focal_point_bodies(user)
    return Q(country_id__in=countries) | Q(organisation_id__in=organisations)


def registrations_for_user(user):
    return Registration.objects.select_related("meeting", "meeting__edition").order_by(
        "-opens_at", "id"
    )


def categories_for_user(user):
    return ParticipantCategory.objects.all().order_by("registration_id", "position", "id")


def quotas_for_user(user):
    return Quota.objects.select_related("country", "organisation").order_by(
        "category_id", "scope", "id"
    )


def participants_for_user(user, *, with_passport: bool = False):
    """Participant records the user may see, with what the payload reads joined in."""
    queryset = (
        Participant.objects.select_related(
            "registration__meeting", "category", "country", "organisation"
        )
        .prefetch_related("speaking_sessions")
        .order_by("id")
    )
    if with_passport and is_support_staff(user):
        queryset = queryset.select_related("passport__nationality")
    if is_support_staff(user):
        return queryset
    if not user or not user.is_authenticated:
        return queryset.none()
    return queryset.filter(_own(user))


def credentials_for_user(user):
    queryset = Credential.objects.select_related("country", "organisation").order_by("-id")
    if is_support_staff(user):
        return queryset
    if not user or not user.is_authenticated:
        return queryset.none()
    return queryset.filter(_own(user))


def visible_levels(user) -> tuple[str, ...]:
    if is_support_staff(user):
        return tuple(ListVisibility.values)
    countries, organisations = focal_point_bodies(user)
    if countries or organisations:
        return (ListVisibility.PUBLIC, ListVisibility.REGISTERED)
    return (ListVisibility.PUBLIC,)


def participant_list(user, registration: Registration):
    """Approved participants of the categories the user may see on the list (plus, for a
    delegation, its own), in category then name order."""
    queryset = Participant.objects.filter(
        registration=registration, state=ParticipantState.APPROVED
    ).select_related("category", "country", "organisation")
    if not is_support_staff(user):
        visible = Q(category__list_visibility__in=visible_levels(user))
        if user and user.is_authenticated:
            visible |= _own(user)
        queryset = queryset.filter(visible)
    return queryset.order_by(
        "category__position", "country__name", "organisation__name", "full_name", "id"
    )


def credentials_held():
    """An expression: the participant's delegation has a pending or accepted credential for
    the same registration (False for participants without a delegation)."""
    held = Credential.objects.filter(
        registration_id=OuterRef("registration_id"),
        state__in=(CredentialState.PENDING, CredentialState.ACCEPTED),
    )
    return Exists(held.filter(country_id=OuterRef("country_id"))) | Exists(
        held.filter(organisation_id=OuterRef("organisation_id"))
    )


def filter_missing_credentials(queryset, missing: bool = True):
    """Participants whose delegation has (not) sent credentials; no delegation: excluded."""
    with_delegation = Q(country__isnull=False) | Q(organisation__isnull=False)
    held = Q(credentials_held())
    return queryset.filter(with_delegation & (~held if missing else held))
