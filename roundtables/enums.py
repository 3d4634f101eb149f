"""Choices of the roundtables app, and the transition tables next to them.

The admin, the API and the tests all read the same tables: a transition not listed here
does not exist. No imports from the app (models, rules and services read these).
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gfmd.platform.transitions import Transition, TransitionTable


class CoChairState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CoChairOrigin(models.TextChoices):
    VOLUNTEERED = "volunteered", _("Volunteered by the government")
    NOMINATED = "nominated", _("Nominated by the Support Unit")


class Seat(models.TextChoices):
    """The two co-chair seats of a session, named after the development status."""

    DEVELOPED = "developed", _("Developed-country seat")
    DEVELOPING = "developing", _("Developing-country seat")


# A seat's development status as a word inside sentences ("a developed co-chair").
SEAT_WORDS = {
    Seat.DEVELOPED: pgettext_lazy("seat", "developed"),
    Seat.DEVELOPING: pgettext_lazy("seat", "developing"),
}


class TeamState(models.TextChoices):
    # The state of a government's membership of a team (feminine in French and Spanish).
    REQUESTED = "requested", pgettext_lazy("team membership", "Requested")
    ACCEPTED = "accepted", pgettext_lazy("team membership", "Accepted")
    DECLINED = "declined", pgettext_lazy("team membership", "Declined")
    LEFT = "left", pgettext_lazy("team membership", "Left")


class PaperState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DRAFTING = "drafting", _("Drafting")
    CONSULTATION = "consultation", _("In consultation")
    FINAL = "final", _("Final")
    DISTRIBUTED = "distributed", _("Distributed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Consulted(models.TextChoices):
    """Whom a document's consultation addresses (and mails, and reminds)."""

    # Everyone taking part in the edition: chair, Steering Group, Friends of the Forum,
    # observers, and the sessions' co-chairs and teams (roundtable working papers).
    EDITION = "edition", _("Everyone taking part in the edition")
    FRIENDS = "friends", _("The Friends of the Forum")
    STEERING = "steering", _("The Steering Group")


@dataclass(frozen=True)
class PaperKind:
    """A kind of document of the one document engine (WorkingPaper and its versions,
    inputs, decisions, translations and reminders). Adding a kind is one entry in
    PAPER_KINDS and a migration (the choices and the constraints below read this table)."""

    value: str
    label: object
    consulted: str
    per_session: bool = False  # one per roundtable session (the session is required)
    one_per_edition: bool = False  # at most one of this kind per edition
    # Whether observer organisations may submit inputs (a session decides for its paper).
    observers_submit: bool = True
    # A working group's deliverable: names its group (required), drafted by its co-chairs
    # and members, adopted by a Steering Group decision (`WorkingPaper.adoption`).
    per_working_group: bool = False
    # An outcome of the Forum (rapporteur report, Chair's conclusions, Report of
    # Proceedings): listed in the public archive, and publishing it passes the Chatham
    # House guard (roundtables/services/chatham.py).
    outcome: bool = False


ROUNDTABLE_PAPER = "roundtable_paper"
PAPER_KINDS = {
    kind.value: kind
    for kind in (
        PaperKind(
            ROUNDTABLE_PAPER, _("Roundtable working paper"), Consulted.EDITION, per_session=True
        ),
        PaperKind("concept_note", _("Concept note"), Consulted.FRIENDS, one_per_edition=True),
        PaperKind("work_plan", _("Work plan"), Consulted.FRIENDS, one_per_edition=True),
        PaperKind(
            "chairmanship_calendar",
            _("Chairmanship calendar"),
            Consulted.FRIENDS,
            one_per_edition=True,
        ),
        PaperKind(
            "team_terms_of_reference",
            _("Terms of reference for government teams"),
            Consulted.FRIENDS,
            one_per_edition=True,
        ),
        PaperKind(
            "steering_adopted_text",
            _("Steering Group adopted text"),
            Consulted.STEERING,
            observers_submit=False,
        ),
        PaperKind(
            "working_group_deliverable",
            _("Working group deliverable"),
            Consulted.STEERING,
            observers_submit=False,
            per_working_group=True,
        ),
        PaperKind(
            "rapporteur_report",
            _("Rapporteur report"),
            Consulted.EDITION,
            per_session=True,
            outcome=True,
        ),
        PaperKind(
            "chair_conclusions",
            _("Chair's conclusions"),
            Consulted.FRIENDS,
            one_per_edition=True,
            outcome=True,
        ),
        PaperKind(
            "report_of_proceedings",
            _("Report of Proceedings"),
            Consulted.FRIENDS,
            one_per_edition=True,
            outcome=True,
        ),
    )
}
PAPER_KIND_CHOICES = [(kind.value, kind.label) for kind in PAPER_KINDS.values()]
SESSION_KINDS = tuple(k for k, kind in PAPER_KINDS.items() if kind.per_session)
ONE_PER_EDITION_KINDS = tuple(k for k, kind in PAPER_KINDS.items() if kind.one_per_edition)
WORKING_GROUP_KINDS = tuple(k for k, kind in PAPER_KINDS.items() if kind.per_working_group)
OUTCOME_KINDS = tuple(k for k, kind in PAPER_KINDS.items() if kind.outcome)
# Kinds whose consultation reaches the Friends of the Forum and observers (they see the
# document from consultation on and may submit inputs).
FRIENDS_CONSULTED_KINDS = tuple(
    k for k, kind in PAPER_KINDS.items() if kind.consulted != Consulted.STEERING
)


class VersionKind(models.TextChoices):
    FILE = "file", _("Uploaded file")
    TEXT = "text", _("Text revision")


class Decision(models.TextChoices):
    INCLUDED = "included", _("Included")
    PARTLY_INCLUDED = "partly_included", _("Partly included")
    NOT_INCLUDED = "not_included", _("Not included")


# Inputs with these decisions are recorded on the final version as taken in.
TAKEN_IN = (Decision.INCLUDED, Decision.PARTLY_INCLUDED)


P_PAPER = "roundtables.transition_paper"

COCHAIR_TRANSITIONS = TransitionTable(
    "roundtables.cochair",
    "state",
    Transition(
        "confirm",
        _("Confirm"),
        (CoChairState.PROPOSED,),
        CoChairState.CONFIRMED,
        "roundtables.confirm_cochair",
    ),
    Transition(
        "decline",
        _("Decline"),
        (CoChairState.PROPOSED,),
        CoChairState.DECLINED,
        "roundtables.decline_cochair",
    ),
    Transition(
        "withdraw",
        _("Withdraw"),
        (CoChairState.PROPOSED, CoChairState.CONFIRMED),
        CoChairState.WITHDRAWN,
        "roundtables.withdraw_cochair",
    ),
)

TEAM_TRANSITIONS = TransitionTable(
    "roundtables.teammembership",
    "state",
    Transition(
        "accept", _("Accept"), (TeamState.REQUESTED,), TeamState.ACCEPTED, "roundtables.accept_team"
    ),
    Transition(
        "decline",
        _("Decline"),
        (TeamState.REQUESTED,),
        TeamState.DECLINED,
        "roundtables.decline_team",
    ),
    Transition(
        "leave",
        _("Leave"),
        (TeamState.REQUESTED, TeamState.ACCEPTED),
        TeamState.LEFT,
        "roundtables.leave_team",
    ),
)

PAPER_TRANSITIONS = TransitionTable(
    "roundtables.workingpaper",
    "state",
    Transition(
        "start_drafting", _("Start drafting"), (PaperState.PLANNED,), PaperState.DRAFTING, P_PAPER
    ),
    Transition(
        "open_consultation",
        _("Open consultation"),
        (PaperState.DRAFTING,),
        PaperState.CONSULTATION,
        P_PAPER,
    ),
    Transition(
        "return_to_drafting",
        _("Close consultation and return to drafting"),
        (PaperState.CONSULTATION,),
        PaperState.DRAFTING,
        P_PAPER,
    ),
    Transition("finalise", _("Make final"), (PaperState.CONSULTATION,), PaperState.FINAL, P_PAPER),
    Transition("distribute", _("Distribute"), (PaperState.FINAL,), PaperState.DISTRIBUTED, P_PAPER),
    Transition(
        "withdraw",
        _("Withdraw"),
        (PaperState.PLANNED, PaperState.DRAFTING, PaperState.CONSULTATION),
        PaperState.WITHDRAWN,
        P_PAPER,
    ),
)

# An input's decision: taken from undecided ("") or revised, while the paper is open for
# decisions (the service checks the paper's state first).
_UNDECIDED_OR_DECIDED = ("", *Decision.values)
INPUT_TRANSITIONS = TransitionTable(
    "roundtables.input",
    "decision",
    *(
        Transition(value, label, _UNDECIDED_OR_DECIDED, value, "roundtables.decide_input")
        for value, label in Decision.choices
    ),
)

# Drafts: states in which only the preparing circle sees the paper.
DRAFT_STATES = (PaperState.PLANNED, PaperState.DRAFTING, PaperState.WITHDRAWN)
FINAL_STATES = (PaperState.FINAL, PaperState.DISTRIBUTED)
# Input decisions may be recorded or revised until the paper is final (or withdrawn).
INPUT_DECISIONS_CLOSED = (*FINAL_STATES, PaperState.WITHDRAWN)
# Versions may be added while the paper is being written.
EDITABLE_STATES = (PaperState.PLANNED, PaperState.DRAFTING, PaperState.CONSULTATION)
# A version's stage: the paper's state when it was made.
VERSION_STAGES = [(state.value, state.label) for state in EDITABLE_STATES]
# A version's text (a revision or the text extracted from a DOCX/ODT): ~500 pages.
MAX_VERSION_TEXT_CHARS = 1_000_000


class AccessRole(models.TextChoices):
    """Why a user sees a working paper: the answer to "why can I see this?"."""

    SUPPORT_UNIT = "support_unit", _("Support Unit staff")
    CHAIR = "chair", _("Chair government of the edition")
    COCHAIR = "cochair", _("Co-chair government of the session")
    TEAM = "team", _("Government team member of the session")
    STEERING = "steering", _("Steering Group member")
    FRIEND = "friend", _("Friends of the Forum government")
    OBSERVER = "observer", _("Observer organisation")
    MECHANISM = "mechanism", _("Stakeholder mechanism")
    WORKING_GROUP = "working_group", _("Co-chair or member of the working group")
    PARTICIPANT = "participant", _("Participant in the edition")
    PUBLIC = "public", _("Published by the Support Unit")


# Who sees every version of a paper: those who see it while it is drafted. Readers whose
# access starts at consultation (Friends, observers, mechanisms) see the versions put out for
# consultation and the final one; participants and the public, the final version only.
DRAFTER_ROLES = frozenset(
    {
        AccessRole.SUPPORT_UNIT,
        AccessRole.CHAIR,
        AccessRole.COCHAIR,
        AccessRole.TEAM,
        AccessRole.STEERING,
        AccessRole.WORKING_GROUP,
    }
)
CONSULTED_ROLES = frozenset({AccessRole.FRIEND, AccessRole.OBSERVER, AccessRole.MECHANISM})
