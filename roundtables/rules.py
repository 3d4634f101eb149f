"""Who may do what with roundtables: the one place, read by the admin and the API.

A user's reach is computed once per request from the bodies they represent (gfmd's
`focal_point_bodies`): the editions they chair, sit on the Steering Group for, take
part in as Friends of the Forum or observe, and the sessions they co-chair or help
prepare. Paper visibility then depends on role and stage (see `paper_access`), and the
same table answers "why can I see this?". Like every rules module it imports no models:
the reach query is a selector handed over at start-up.
"""

from dataclasses import dataclass, field
from datetime import date

import rules
from django.utils import timezone
from django.utils.translation import gettext as _

from gfmd.platform.roles import is_support_staff
from gfmd.rules import (
    can_read_records,
    focal_point_bodies,
    is_focal_point,
    is_mechanism_focal_point,
    mechanism_bodies,
)
from roundtables.enums import (
    CONSULTED_ROLES,
    DRAFTER_ROLES,
    FINAL_STATES,
    FRIENDS_CONSULTED_KINDS,
    AccessRole,
    PaperState,
)

REACH_ATTR = "_roundtables_reach"

# Rules sit below models (docs/architecture.md): the query computing a reach is a selector
# (roundtables/selectors/reach.py), handed over by `RoundtablesConfig.ready`.
_reach_query = None


def use_reach_query(query) -> None:
    global _reach_query
    _reach_query = query


@dataclass(frozen=True)
class Reach:
    countries: frozenset = frozenset()
    organisations: frozenset = frozenset()
    chair_editions: frozenset = frozenset()
    steering_editions: frozenset = frozenset()
    friend_editions: dict = field(default_factory=dict)  # edition id -> country id
    observer_editions: dict = field(default_factory=dict)  # edition id -> organisation id
    cochair_sessions: frozenset = frozenset()
    team_sessions: frozenset = frozenset()
    session_editions: frozenset = frozenset()  # editions of the sessions above
    mechanisms: frozenset = frozenset()
    # edition id -> mechanism id: a seat in the Steering Group or the Friends of the Forum
    # during the edition's cycle. Consulted like an observer organisation.
    mechanism_editions: dict = field(default_factory=dict)
    # working groups its government or mechanism co-chairs; those its bodies are members of
    chaired_groups: frozenset = frozenset()
    member_groups: frozenset = frozenset()

    @property
    def working_groups(self) -> frozenset:
        return self.chaired_groups | self.member_groups

    @property
    def participant_editions(self) -> frozenset:
        return (
            self.chair_editions
            | self.steering_editions
            | frozenset(self.friend_editions)
            | frozenset(self.observer_editions)
            | frozenset(self.mechanism_editions)
            | self.session_editions
        )

    @property
    def preparing_editions(self) -> frozenset:
        """Editions whose drafts the user sees whatever the session: chair, Steering Group."""
        return self.chair_editions | self.steering_editions


def edition_period(edition) -> tuple[date, date]:
    """First and last day of an edition's cycle (its Forum meeting may close it later)."""
    first = date(edition.year_start, 1, 1)
    last = date(edition.year_end or edition.year_start, 12, 31)
    if edition.end_date and edition.end_date > last:
        last = edition.end_date
    return first, last


def _compute_reach(user) -> Reach:
    countries, organisations = focal_point_bodies(user)
    mechanisms = mechanism_bodies(user)
    if not countries and not organisations and not mechanisms:
        return Reach()
    return _reach_query(countries, organisations, mechanisms)


def reach(user) -> Reach:
    """The user's reach, cached on the user object (cleared at the start of each request)."""
    if not user or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Reach()
    cached = getattr(user, REACH_ATTR, None)
    if cached is None:
        cached = _compute_reach(user)
        setattr(user, REACH_ATTR, cached)
    return cached


def forget_reach(user) -> None:
    """Drop cached roles (memberships may have changed since they were computed)."""
    if user is not None:
        user.__dict__.pop(REACH_ATTR, None)
        if not getattr(user, "_gfmd_per_request", False):  # made for this request from
            user.__dict__.pop("_gfmd_bodies", None)  # the cached snapshot (auth_cache)


def _edition_id(paper) -> int:
    return paper.edition_id


def _consults_friends(paper) -> bool:
    """Whether the paper's consultation reaches the Friends of the Forum and observers
    (roundtable papers and most Chair's documents; not the Steering Group's texts)."""
    return paper.kind in FRIENDS_CONSULTED_KINDS


def paper_access(user, paper) -> list[tuple[str, str]]:
    """Every rule that lets `user` see `paper`, as (role, explanation); empty: no access."""
    state_label = paper.get_state_display().lower()
    grants = []
    if is_support_staff(user):
        grants.append((AccessRole.SUPPORT_UNIT, _("Support Unit staff see every paper.")))
    r = reach(user)
    edition_id = _edition_id(paper)
    if edition_id in r.chair_editions:
        grants.append(
            (
                AccessRole.CHAIR,
                _("Chair government of the edition, paper %(state)s.") % {"state": state_label},
            )
        )
    if paper.session_id in r.cochair_sessions:
        grants.append(
            (
                AccessRole.COCHAIR,
                _("Co-chair government of the session, paper %(state)s.") % {"state": state_label},
            )
        )
    if paper.session_id in r.team_sessions:
        grants.append(
            (
                AccessRole.TEAM,
                _("Member of the session's government team, paper %(state)s.")
                % {"state": state_label},
            )
        )
    if paper.working_group_id is not None and paper.working_group_id in r.working_groups:
        grants.append(
            (
                AccessRole.WORKING_GROUP,
                _("Co-chair or member of the working group, paper %(state)s.")
                % {"state": state_label},
            )
        )
    if edition_id in r.steering_editions:
        grants.append(
            (
                AccessRole.STEERING,
                _("Steering Group member government, paper %(state)s.") % {"state": state_label},
            )
        )
    consulting = paper.state == PaperState.CONSULTATION or paper.state in FINAL_STATES
    if consulting and _consults_friends(paper):
        if edition_id in r.friend_editions:
            grants.append(
                (
                    AccessRole.FRIEND,
                    _("Friends of the Forum government, paper %(state)s.") % {"state": state_label},
                )
            )
        if edition_id in r.observer_editions:
            grants.append(
                (
                    AccessRole.OBSERVER,
                    _("Observer organisation of the edition, paper %(state)s.")
                    % {"state": state_label},
                )
            )
        if edition_id in r.mechanism_editions:
            grants.append(
                (
                    AccessRole.MECHANISM,
                    _("Stakeholder mechanism of the edition, paper %(state)s.")
                    % {"state": state_label},
                )
            )
    if paper.state in FINAL_STATES:
        if edition_id in r.participant_editions and not grants:
            grants.append(
                (
                    AccessRole.PARTICIPANT,
                    _("Participant in the edition, paper %(state)s.") % {"state": state_label},
                )
            )
        if paper.is_public:
            grants.append((AccessRole.PUBLIC, _("Published by the Support Unit: public.")))
    return grants


def _in_group(r: Reach, paper) -> bool:
    return paper.working_group_id is not None and paper.working_group_id in r.working_groups


def input_bodies(user, paper) -> tuple[list[int], list[int], list[int]]:
    """(country ids, organisation ids, mechanism ids) the user may submit inputs for on
    `paper` (any state). A mechanism submits like an observer organisation (where
    observers may, on the editions it has a seat in), and as a member of a session's team."""
    r = reach(user)
    edition_id = _edition_id(paper)
    gov_roles = (
        edition_id in r.chair_editions
        or edition_id in r.steering_editions
        or paper.session_id in r.cochair_sessions
        or paper.session_id in r.team_sessions
        or _in_group(r, paper)
    )
    countries = sorted(r.countries) if gov_roles else []
    if not gov_roles and edition_id in r.friend_editions and _consults_friends(paper):
        countries = [r.friend_editions[edition_id]]
    organisations, mechanisms = [], []
    observers_submit = (
        paper.session.observers_may_submit
        if paper.session_id is not None
        else _consults_friends(paper) and paper.kind_spec.observers_submit
    )
    if observers_submit and edition_id in r.observer_editions:
        organisations = [r.observer_editions[edition_id]]
    if _in_group(r, paper):  # a deliverable: the group's members write in
        organisations = sorted(r.organisations)
    if (paper.session_id is not None and paper.session_id in r.team_sessions) or _in_group(
        r, paper
    ):
        mechanisms = sorted(r.mechanisms)
    elif observers_submit and edition_id in r.mechanism_editions:
        mechanisms = [r.mechanism_editions[edition_id]]
    return countries, organisations, mechanisms


@rules.predicate
def can_view_paper(user, paper) -> bool:
    return paper is not None and bool(paper_access(user, paper))


@rules.predicate
def is_edition_chair_of_paper(user, paper) -> bool:
    return paper is not None and _edition_id(paper) in reach(user).chair_editions


@rules.predicate
def is_cochair_of_paper(user, paper) -> bool:
    return paper is not None and paper.session_id in reach(user).cochair_sessions


@rules.predicate
def chairs_group_of_paper(user, paper) -> bool:
    """A co-chair (government or mechanism) of the working group whose deliverable it is."""
    return (
        paper is not None
        and paper.working_group_id is not None
        and paper.working_group_id in reach(user).chaired_groups
    )


can_manage_paper = (
    is_support_staff | is_edition_chair_of_paper | is_cochair_of_paper | chairs_group_of_paper
)


@rules.predicate
def may_submit_input(user, paper) -> bool:
    if paper is None:
        return False
    return any(input_bodies(user, paper)) and can_view_paper(user, paper)


@rules.predicate
def can_view_input(user, item) -> bool:
    if item is None:
        return False
    paper = item.paper
    if can_manage_paper(user, paper):
        return True
    countries, organisations = focal_point_bodies(user)
    if item.country_id in countries or item.organisation_id in organisations:
        return True
    if item.mechanism_id is not None and item.mechanism_id in mechanism_bodies(user):
        return True
    # Once final, everyone who sees the paper can trace it back to its inputs.
    return paper.state in FINAL_STATES and can_view_paper(user, paper)


@rules.predicate
def can_decide_input(user, item) -> bool:
    return item is not None and can_manage_paper(user, item.paper)


def version_access(user, version, grants=None) -> tuple[bool, str]:
    """Whether `user` sees `version`, and why (the per-version "why can I see this?").

    Those who see the paper while it is drafted (DRAFTER_ROLES) see every version.
    Friends and observers, whose access starts at consultation, see the versions put out
    for consultation (`released`) and the final one; participants and the public see the
    final version only. `selectors.papers.versions_for_user` applies the same rule."""
    paper = version.paper
    if grants is None:
        grants = paper_access(user, paper)
    roles = {grant[0] for grant in grants}
    stage = PaperState(version.stage).label.lower()
    final = paper.state in FINAL_STATES and version.pk == paper.final_version_id
    if roles & DRAFTER_ROLES:
        role = next(grant[0] for grant in grants if grant[0] in DRAFTER_ROLES)
        return True, _(
            "Made while the paper was %(stage)s; as %(role)s you see every version, "
            "drafts included."
        ) % {"stage": stage, "role": AccessRole(role).label.lower()}
    if final and roles:
        return True, _("The final version: seen by everyone who may read the final paper.")
    if roles & CONSULTED_ROLES and version.released:
        return True, _(
            "Put out for consultation: seen by the governments and organisations consulted."
        )
    if version.released:
        return False, _("Put out for consultation; you may read only the final version.")
    return False, _("Made while the paper was %(stage)s: seen only by those who draft it.") % {
        "stage": stage
    }


@rules.predicate
def can_view_version(user, version) -> bool:
    return version is not None and version_access(user, version)[0]


@rules.predicate
def chairs_edition_of_cochair(user, cochair) -> bool:
    if cochair is None:
        return False
    return cochair.session.roundtable.edition_id in reach(user).chair_editions


@rules.predicate
def represents_cochair_country(user, cochair) -> bool:
    return cochair is not None and cochair.country_id in focal_point_bodies(user)[0]


@rules.predicate
def cochairs_team_session(user, membership) -> bool:
    return membership is not None and membership.session_id in reach(user).cochair_sessions


@rules.predicate
def represents_team_country(user, membership) -> bool:
    return membership is not None and membership.country_id in focal_point_bodies(user)[0]


def represents_country(user, country) -> bool:
    return country is not None and country.pk in focal_point_bodies(user)[0]


def is_paper_open_for_inputs(paper, now=None) -> bool:
    now = now or timezone.now()
    return paper.state == PaperState.CONSULTATION and (
        paper.consultation_deadline is None or paper.consultation_deadline >= now
    )


# The programme (themes, roundtables, sessions, co-chairs, teams): read by staff and every
# focal point; written by staff.
for _model in ("theme", "roundtable", "session"):
    rules.add_perm(f"roundtables.view_{_model}", can_read_records)
    rules.add_perm(f"roundtables.add_{_model}", is_support_staff)
    rules.add_perm(f"roundtables.change_{_model}", is_support_staff)
    rules.add_perm(f"roundtables.delete_{_model}", is_support_staff)
rules.add_perm("roundtables.view_seat_overview", is_support_staff)

rules.add_perm("roundtables.view_cochair", can_read_records)
rules.add_perm("roundtables.add_cochair", is_support_staff | is_focal_point)  # country checked
rules.add_perm("roundtables.change_cochair", rules.always_deny)  # only through transitions
rules.add_perm("roundtables.delete_cochair", rules.always_deny)
rules.add_perm("roundtables.confirm_cochair", is_support_staff | chairs_edition_of_cochair)
rules.add_perm("roundtables.decline_cochair", is_support_staff | chairs_edition_of_cochair)
rules.add_perm(
    "roundtables.withdraw_cochair",
    is_support_staff | chairs_edition_of_cochair | represents_cochair_country,
)
rules.add_perm("roundtables.replace_cochair", is_support_staff | chairs_edition_of_cochair)

rules.add_perm("roundtables.view_teammembership", can_read_records)
rules.add_perm("roundtables.add_teammembership", is_support_staff | is_focal_point)
rules.add_perm("roundtables.change_teammembership", rules.always_deny)
rules.add_perm("roundtables.delete_teammembership", rules.always_deny)
rules.add_perm("roundtables.accept_team", is_support_staff | cochairs_team_session)
rules.add_perm("roundtables.decline_team", is_support_staff | cochairs_team_session)
rules.add_perm("roundtables.leave_team", is_support_staff | represents_team_country)

# Working papers: visibility by role and stage; the list is scoped by the selector.
rules.add_perm("roundtables.list_workingpaper", rules.always_allow)
rules.add_perm("roundtables.view_workingpaper", is_support_staff | can_view_paper)
# Roundtable papers are made with their session; the Chair's documents by staff.
rules.add_perm("roundtables.add_workingpaper", is_support_staff)
rules.add_perm("roundtables.change_workingpaper", can_manage_paper)
rules.add_perm("roundtables.delete_workingpaper", rules.always_deny)
rules.add_perm("roundtables.transition_paper", can_manage_paper)
rules.add_perm("roundtables.publish_paper", is_support_staff)
# A deliverable's adoption records a Steering Group decision: the Support Unit files it.
rules.add_perm("roundtables.adopt_paper", is_support_staff)
rules.add_perm("roundtables.add_version", can_manage_paper)
rules.add_perm("roundtables.submit_input", is_support_staff | may_submit_input)
rules.add_perm("roundtables.explain_access", rules.always_allow)  # scoped lookup: 404 first
# Who commented, by region and development status: those who manage the paper.
rules.add_perm("roundtables.view_input_summary", can_manage_paper)

rules.add_perm("roundtables.list_paperversion", rules.always_allow)
rules.add_perm("roundtables.view_paperversion", is_support_staff | can_view_version)
rules.add_perm("roundtables.download_paperversion", is_support_staff | can_view_version)
rules.add_perm("roundtables.add_paperversion", rules.always_deny)  # through add_version
rules.add_perm("roundtables.change_paperversion", rules.always_deny)  # immutable
rules.add_perm("roundtables.delete_paperversion", rules.always_deny)

rules.add_perm(
    "roundtables.list_input", is_support_staff | is_focal_point | is_mechanism_focal_point
)
rules.add_perm("roundtables.view_input", is_support_staff | can_view_input)
rules.add_perm("roundtables.download_input", is_support_staff | can_view_input)
rules.add_perm("roundtables.add_input", rules.always_deny)  # through submit_input
rules.add_perm("roundtables.change_input", rules.always_deny)  # decisions through decide
rules.add_perm("roundtables.delete_input", rules.always_deny)
rules.add_perm("roundtables.decide_input", is_support_staff | can_decide_input)

# Admin app index (rules' ObjectPermissionsModelAdmin).
rules.add_perm("roundtables", is_support_staff)
