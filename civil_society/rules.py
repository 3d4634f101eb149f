"""Who may do what in the Civil Society Days: the one place, read by the admin and the API.

Roles: Support Unit staff (everything); advisory committee members (read their edition,
review applications unless conflicted); focal points of a civil-society organisation
(their own applications and delegates); partner systems (submit applications, read what
they submitted); government and other focal points (read the programme and published
recommendations; one addressed to a government roundtable session only if their government
co-chairs it or is on its team, as `roundtables.rules.reach` decides); anonymous callers
(the list of public CSD editions only).

Object predicates accept `obj=None`: without an object they answer "may this role use the
endpoint at all" (lists); querysets are scoped by the selectors in selectors/records.py.
"""

import rules

from gfmd.platform.roles import is_support_staff
from gfmd.rules import focal_point_bodies, is_focal_point
from roundtables.rules import reach as roundtables_reach

PARTNER_SYSTEM_GROUP = "CSD partner systems"


def committee_seats(user) -> dict[int, tuple[int, bool]]:
    """{csd_edition_id: (organisation_id, is_reviewer)} for the user's committee seats."""
    if not user or not user.is_authenticated or not user.is_active:
        return {}
    seats = getattr(user, "_csd_seats", None)
    if seats is None:
        seats = {
            edition_id: (organisation_id, reviewer)
            for edition_id, organisation_id, reviewer in user.csd_committee_seats.values_list(
                "csd_edition_id", "organisation_id", "is_reviewer"
            )
        }
        user._csd_seats = seats
    return seats


def represented_organisation_ids(user) -> frozenset:
    return focal_point_bodies(user)[1]


def _application_of(obj):
    """The application an object belongs to (application, delegate, review)."""
    return obj if hasattr(obj, "submitted_at") else obj.application


def _edition_id(obj) -> int:
    if obj.__class__.__name__ == "CSDEdition":
        return obj.pk
    if hasattr(obj, "csd_edition_id"):
        return obj.csd_edition_id
    return obj.proposal.csd_edition_id  # a proposal entry


def is_conflicted(user, application) -> bool:
    """The user comes from, or represents, the applying organisation."""
    applicant_org = application.organisation.organisation_id
    seat = committee_seats(user).get(application.csd_edition_id)
    if seat and seat[0] == applicant_org:
        return True
    return applicant_org in represented_organisation_ids(user)


@rules.predicate
def is_committee_member(user) -> bool:
    return bool(committee_seats(user))


@rules.predicate
def is_reviewer(user) -> bool:
    return any(reviewer for _, reviewer in committee_seats(user).values())


@rules.predicate
def is_partner_system(user) -> bool:
    if not user or not user.is_authenticated or not user.is_active:
        return False
    names = getattr(user, "_gfmd_group_names", None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        user._gfmd_group_names = names
    return PARTNER_SYSTEM_GROUP in names


@rules.predicate
def is_cso_focal_point(user) -> bool:
    """Represents at least one organisation that has a civil-society profile."""
    organisations = represented_organisation_ids(user)
    if not organisations:
        return False
    cached = getattr(user, "_csd_cso_fp", None)
    if cached is None or cached[0] != organisations:
        # through the user's relations: rules sit below models and import none
        found = user.focal_points.filter(
            organisation_id__in=organisations, organisation__csd_profile__isnull=False
        )
        cached = (organisations, found.exists())
        user._csd_cso_fp = cached
    return cached[1]


@rules.predicate
def sits_on_committee_of(user, obj=None) -> bool:
    if obj is None:
        return is_committee_member(user)
    return _edition_id(obj) in committee_seats(user)


@rules.predicate
def may_see_application(user, obj=None) -> bool:
    """Applications, their delegates: committee members unless conflicted, the applicant
    organisation's focal points, and the partner system that submitted them."""
    if obj is None:
        return is_committee_member(user) or is_cso_focal_point(user) or is_partner_system(user)
    application = _application_of(obj)
    if application.organisation.organisation_id in represented_organisation_ids(user):
        return True
    if application.submitted_by_id is not None and application.submitted_by_id == user.id:
        return True
    return application.csd_edition_id in committee_seats(user) and not is_conflicted(
        user, application
    )


@rules.predicate
def is_applicant(user, obj=None) -> bool:
    if obj is None:
        return is_cso_focal_point(user) or is_partner_system(user)
    application = _application_of(obj)
    if application.organisation.organisation_id in represented_organisation_ids(user):
        return True
    return application.submitted_by_id is not None and application.submitted_by_id == user.id


@rules.predicate
def may_review(user, application=None) -> bool:
    if application is None:
        return is_reviewer(user)
    seat = committee_seats(user).get(application.csd_edition_id)
    return bool(seat and seat[1]) and not is_conflicted(user, application)


@rules.predicate
def is_own_review(user, review=None) -> bool:
    if review is None:
        return is_reviewer(user)
    return review.reviewer.user_id == user.id


@rules.predicate
def is_public_csd_edition(user, csd_edition=None) -> bool:
    return csd_edition is None or csd_edition.edition.is_public


def government_session_ids(user) -> frozenset:
    """Roundtables sessions the user's governments co-chair (confirmed) or prepare as team
    (accepted): the roundtables app's own reach, not a copy of its rules."""
    r = roundtables_reach(user)
    return r.cochair_sessions | r.team_sessions


@rules.predicate
def may_read_published_recommendation(user, recommendation=None) -> bool:
    """A published recommendation addressed to a theme (or a session label only): every
    focal point. Addressed to a roundtables session: the CSD side (focal points of
    civil-society organisations) and that session's co-chairs' and team's focal points."""
    if not is_focal_point(user):
        return False
    if recommendation is None:
        return True
    if not recommendation.is_published:
        return False
    if recommendation.addressed_session_id is None:
        return True
    return recommendation.addressed_session_id in government_session_ids(
        user
    ) or is_cso_focal_point(user)


can_read_programme = is_support_staff | is_focal_point | is_committee_member

rules.add_perm("civil_society", is_support_staff | is_committee_member)  # admin app index

# CSD editions: the public list for everyone, details for the roles, changes by staff.
rules.add_perm("civil_society.list_csdedition", rules.always_allow)
rules.add_perm("civil_society.view_csdedition", can_read_programme | is_public_csd_edition)
rules.add_perm("civil_society.view_delegation", can_read_programme)
# Records every role reads and staff write.
for _model in (
    "csdedition",
    "advisorycommitteemember",
    "civilsocietyorganisation",
    "csdsession",
    "commonspacesession",
    "commonspaceparticipant",
    "peoplesglobalactiondocument",
    "friendsrepresentative",
):
    if _model != "csdedition":
        rules.add_perm(f"civil_society.view_{_model}", can_read_programme)
    rules.add_perm(f"civil_society.add_{_model}", is_support_staff)
    rules.add_perm(f"civil_society.change_{_model}", is_support_staff)
    rules.add_perm(f"civil_society.delete_{_model}", is_support_staff)

# Organisations: partner systems read them and register new ones (with duplicate check).
rules.set_perm(
    "civil_society.view_civilsocietyorganisation", can_read_programme | is_partner_system
)
rules.set_perm("civil_society.add_civilsocietyorganisation", is_support_staff | is_partner_system)
rules.add_perm(
    "civil_society.find_duplicates", is_support_staff | is_partner_system | is_cso_focal_point
)
rules.add_perm("civil_society.check_led_status", is_support_staff)
rules.add_perm("civil_society.merge_organisations", is_support_staff)

# Applications and delegates.
rules.add_perm("civil_society.view_application", is_support_staff | may_see_application)
rules.add_perm(
    "civil_society.add_application", is_support_staff | is_partner_system | is_cso_focal_point
)
rules.add_perm("civil_society.change_application", is_support_staff | is_applicant)
rules.add_perm("civil_society.delete_application", is_support_staff)
rules.add_perm("civil_society.withdraw_application", is_support_staff | is_applicant)
rules.add_perm("civil_society.review_application", may_review)
rules.add_perm("civil_society.view_delegate", is_support_staff | may_see_application)
rules.add_perm("civil_society.add_delegate", is_support_staff)
rules.add_perm("civil_society.change_delegate", is_support_staff)
rules.add_perm("civil_society.delete_delegate", is_support_staff)
rules.add_perm("civil_society.release_delegate", is_support_staff | is_applicant)
# The delegation with contact details as CSV/XLSX: staff, for logistics.
rules.add_perm("civil_society.export_delegation", is_support_staff)

# Reviews: a reviewer sees and edits their own; staff see all; applicants see none.
rules.add_perm("civil_society.view_review", is_support_staff | is_own_review)
rules.add_perm("civil_society.add_review", is_reviewer)
rules.add_perm("civil_society.change_review", is_own_review)
rules.add_perm("civil_society.delete_review", is_support_staff)

# Selection: the committee reads policy, proposals and the report; staff decide.
for _model in ("selectionpolicy", "selectionproposal", "proposalentry"):
    rules.add_perm(f"civil_society.view_{_model}", is_support_staff | sits_on_committee_of)
    rules.add_perm(f"civil_society.add_{_model}", is_support_staff)
    rules.add_perm(f"civil_society.change_{_model}", is_support_staff)
    rules.add_perm(f"civil_society.delete_{_model}", is_support_staff)
rules.set_perm("civil_society.add_proposalentry", rules.always_deny)
rules.set_perm("civil_society.delete_proposalentry", rules.always_deny)
rules.add_perm("civil_society.run_selection", is_support_staff)
rules.add_perm("civil_society.confirm_selection", is_support_staff)
rules.add_perm("civil_society.view_selection_report", is_support_staff | sits_on_committee_of)

# Recommendations: committee reads drafts of its edition; focal points read published ones,
# those addressed to a roundtables session only the session's co-chairs, team and CSD side.
rules.add_perm(
    "civil_society.view_recommendation",
    is_support_staff | sits_on_committee_of | may_read_published_recommendation,
)
rules.add_perm("civil_society.add_recommendation", is_support_staff)
rules.add_perm("civil_society.change_recommendation", is_support_staff)
rules.add_perm("civil_society.delete_recommendation", is_support_staff)
