"""Querysets the API lists, scoped to the caller and fetched in a fixed number of queries.

Staff see everything. Committee members see their editions' records (applications and
delegates except those they are conflicted on). Focal points of a civil-society
organisation see their organisation's applications; partner systems what they submitted.
Outside that reach an object is simply not in the queryset (404).
"""

from django.db.models import Count, Prefetch, Q

from civil_society.enums import DelegateStatus
from civil_society.models import (
    AdvisoryCommitteeMember,
    Application,
    CivilSocietyOrganisation,
    CommonSpaceParticipant,
    CommonSpaceSession,
    CSDEdition,
    CSDSession,
    Delegate,
    FriendsRepresentative,
    PeoplesGlobalActionDocument,
    ProposalEntry,
    Recommendation,
    Review,
    SelectionPolicy,
    SelectionProposal,
)
from civil_society.rules import (
    can_read_programme,
    committee_seats,
    government_session_ids,
    is_cso_focal_point,
    is_partner_system,
    represented_organisation_ids,
)
from gfmd.models import Country
from gfmd.platform.roles import is_support_staff
from gfmd.rules import is_focal_point


def csd_editions_for_user(user):
    queryset = CSDEdition.objects.select_related("edition", "organising_body").order_by(
        "edition__ordinal", "id"
    )
    if can_read_programme(user):
        return queryset
    return queryset.filter(edition__is_public=True)


def committee_for_user(user):
    queryset = AdvisoryCommitteeMember.objects.select_related("user", "organisation").order_by(
        "csd_edition_id", "role", "user__last_name", "id"
    )
    return queryset if can_read_programme(user) else queryset.none()


def organisations_for_user(user):
    queryset = (
        CivilSocietyOrganisation.objects.select_related(
            "organisation", "organisation__headquarters"
        )
        .prefetch_related(Prefetch("countries_of_work", queryset=Country.objects.order_by("iso3")))
        .order_by("organisation__name", "id")
    )
    if can_read_programme(user) or is_partner_system(user):
        return queryset
    return queryset.none()


def _application_scope(user) -> Q | None:
    """Q over Application for what the user may see; None means everything."""
    if is_support_staff(user):
        return None
    scope = Q(pk__in=[])
    organisations = represented_organisation_ids(user)
    if organisations:
        scope |= Q(organisation__organisation_id__in=organisations)
    if user.is_authenticated:
        scope |= Q(submitted_by_id=user.pk)
    for edition_id, (organisation_id, _) in committee_seats(user).items():
        reach = Q(csd_edition_id=edition_id) & ~Q(organisation__organisation_id=organisation_id)
        if organisations:
            reach &= ~Q(organisation__organisation_id__in=organisations)
        scope |= reach
    return scope


def _scoped(queryset, user, prefix: str = ""):
    if not user or not user.is_authenticated:
        return queryset.none()
    scope = _application_scope(user)
    if scope is None:
        return queryset
    if prefix:
        return queryset.filter(application__in=Application.objects.filter(scope))
    return queryset.filter(scope)


def applications_for_user(user, *, keys_only=False):
    """The applications `user` may see, in order, with their records' joins, delegates and
    review total; `keys_only=True`: without them, for callers that read only their keys
    (an output spec's list, a subquery of visible ones)."""
    queryset = Application.objects.order_by("csd_edition_id", "submitted_at", "id")
    if not keys_only:
        queryset = (
            queryset.select_related("csd_edition", "organisation__organisation", "submitted_by")
            .prefetch_related(
                Prefetch(
                    "delegates",
                    queryset=Delegate.objects.select_related("country").order_by("position", "id"),
                )
            )
            .annotate(review_total=Count("reviews", distinct=True))
        )
    return _scoped(queryset, user)


def delegates_for_user(user):
    queryset = Delegate.objects.select_related(
        "country", "application__organisation__organisation"
    ).order_by("csd_edition_id", "application_id", "position", "id")
    return _scoped(queryset, user, prefix="application")


def delegation_export_for_user(user):
    """The selected delegates (the delegation) within the user's reach, for CSV/XLSX."""
    return delegates_for_user(user).filter(status=DelegateStatus.SELECTED)


def reviews_for_user(user):
    queryset = Review.objects.select_related("reviewer__user").order_by("application_id", "id")
    if is_support_staff(user):
        return queryset
    if not user or not user.is_authenticated:
        return queryset.none()
    return queryset.filter(reviewer__user=user)


def _committee_or_staff(user, queryset, field: str = "csd_edition_id"):
    if is_support_staff(user):
        return queryset
    return queryset.filter(**{f"{field}__in": list(committee_seats(user))})


def policies_for_user(user):
    return _committee_or_staff(user, SelectionPolicy.objects.order_by("csd_edition_id"))


def proposals_for_user(user):
    queryset = SelectionProposal.objects.annotate(entry_total=Count("entries")).order_by("-id")
    return _committee_or_staff(user, queryset)


def proposal_entries_for_user(user):
    queryset = ProposalEntry.objects.select_related(
        "proposal", "delegate__country", "delegate__application__organisation__organisation"
    ).order_by("proposal_id", "rank", "id")
    return _committee_or_staff(user, queryset, field="proposal__csd_edition_id")


def _programme(user, queryset):
    return queryset if can_read_programme(user) else queryset.none()


def sessions_for_user(user):
    return _programme(user, CSDSession.objects.order_by("csd_edition_id", "code", "id"))


def common_space_for_user(user):
    participants = CommonSpaceParticipant.objects.select_related(
        "country", "delegate", "organisation", "mechanism"
    ).order_by("side", "id")
    return _programme(
        user,
        CommonSpaceSession.objects.prefetch_related(
            Prefetch("participants", queryset=participants)
        ).order_by("csd_edition_id", "date", "id"),
    )


def common_space_participants_for_user(user):
    return _programme(
        user,
        CommonSpaceParticipant.objects.select_related(
            "country", "delegate", "organisation", "mechanism"
        ).order_by("session_id", "side", "id"),
    )


def pga_documents_for_user(user):
    return _programme(
        user, PeoplesGlobalActionDocument.objects.order_by("csd_edition_id", "presented_on", "id")
    )


def friends_representatives_for_user(user):
    return _programme(
        user,
        FriendsRepresentative.objects.select_related("delegate", "meeting").order_by(
            "meeting_id", "id"
        ),
    )


def recommendations_for_user(user):
    """Staff: all. Committee: its editions', drafts too. Focal points: published ones; those
    addressed to a roundtables session only for the CSD side and for the focal points of the
    session's co-chairs and team (rules.may_read_published_recommendation)."""
    queryset = Recommendation.objects.select_related("session").order_by("csd_edition_id", "id")
    if is_support_staff(user):
        return queryset
    scope = Q(csd_edition_id__in=list(committee_seats(user)))
    if is_focal_point(user):
        published = Q(is_published=True)
        if not is_cso_focal_point(user):
            published &= Q(addressed_session__isnull=True) | Q(
                addressed_session_id__in=government_session_ids(user)
            )
        scope |= published
    return queryset.filter(scope)
