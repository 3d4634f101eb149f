"""Choices of the roundtables app, and the transition tables next to them.

The admin, the API and the tests all read the same tables: a transition not listed here
does not exist. No imports from the app (models, rules and services read these).
"""

from dataclasses import dataclass

from django.db import models


class CoChairState(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    CONFIRMED = "confirmed", "Confirmed"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class CoChairOrigin(models.TextChoices):
    VOLUNTEERED = "volunteered", "Volunteered by the government"
    NOMINATED = "nominated", "Nominated by the Support Unit"


class Seat(models.TextChoices):
    """The two co-chair seats of a session, named after the development status."""

    DEVELOPED = "developed", "Developed-country seat"
    DEVELOPING = "developing", "Developing-country seat"


class TeamState(models.TextChoices):
    REQUESTED = "requested", "Requested"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    LEFT = "left", "Left"


class PaperState(models.TextChoices):
    PLANNED = "planned", "Planned"
    DRAFTING = "drafting", "Drafting"
    CONSULTATION = "consultation", "In consultation"
    FINAL = "final", "Final"
    DISTRIBUTED = "distributed", "Distributed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class VersionKind(models.TextChoices):
    FILE = "file", "Uploaded file"
    TEXT = "text", "Text revision"


class Decision(models.TextChoices):
    INCLUDED = "included", "Included"
    PARTLY_INCLUDED = "partly_included", "Partly included"
    NOT_INCLUDED = "not_included", "Not included"


# Inputs with these decisions are recorded on the final version as taken in.
TAKEN_IN = (Decision.INCLUDED, Decision.PARTLY_INCLUDED)


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str


COCHAIR_TRANSITIONS = {
    t.name: t
    for t in (
        Transition("confirm", "Confirm", (CoChairState.PROPOSED,), CoChairState.CONFIRMED),
        Transition("decline", "Decline", (CoChairState.PROPOSED,), CoChairState.DECLINED),
        Transition(
            "withdraw",
            "Withdraw",
            (CoChairState.PROPOSED, CoChairState.CONFIRMED),
            CoChairState.WITHDRAWN,
        ),
    )
}

TEAM_TRANSITIONS = {
    t.name: t
    for t in (
        Transition("accept", "Accept", (TeamState.REQUESTED,), TeamState.ACCEPTED),
        Transition("decline", "Decline", (TeamState.REQUESTED,), TeamState.DECLINED),
        Transition("leave", "Leave", (TeamState.REQUESTED, TeamState.ACCEPTED), TeamState.LEFT),
    )
}

PAPER_TRANSITIONS = {
    t.name: t
    for t in (
        Transition("start_drafting", "Start drafting", (PaperState.PLANNED,), PaperState.DRAFTING),
        Transition(
            "open_consultation",
            "Open consultation",
            (PaperState.DRAFTING,),
            PaperState.CONSULTATION,
        ),
        Transition(
            "return_to_drafting",
            "Close consultation and return to drafting",
            (PaperState.CONSULTATION,),
            PaperState.DRAFTING,
        ),
        Transition("finalise", "Make final", (PaperState.CONSULTATION,), PaperState.FINAL),
        Transition("distribute", "Distribute", (PaperState.FINAL,), PaperState.DISTRIBUTED),
        Transition(
            "withdraw",
            "Withdraw",
            (PaperState.PLANNED, PaperState.DRAFTING, PaperState.CONSULTATION),
            PaperState.WITHDRAWN,
        ),
    )
}

# Drafts: states in which only the preparing circle sees the paper.
DRAFT_STATES = (PaperState.PLANNED, PaperState.DRAFTING, PaperState.WITHDRAWN)
FINAL_STATES = (PaperState.FINAL, PaperState.DISTRIBUTED)
# Versions may be added while the paper is being written.
EDITABLE_STATES = (PaperState.PLANNED, PaperState.DRAFTING, PaperState.CONSULTATION)
# A version's stage: the paper's state when it was made.
VERSION_STAGES = [(state.value, state.label) for state in EDITABLE_STATES]
# A version's text (a revision or the text extracted from a DOCX/ODT): ~500 pages.
MAX_VERSION_TEXT_CHARS = 1_000_000


class AccessRole(models.TextChoices):
    """Why a user sees a working paper: the answer to "why can I see this?"."""

    SUPPORT_UNIT = "support_unit", "Support Unit staff"
    CHAIR = "chair", "Chair government of the edition"
    COCHAIR = "cochair", "Co-chair government of the session"
    TEAM = "team", "Government team member of the session"
    STEERING = "steering", "Steering Group member"
    FRIEND = "friend", "Friends of the Forum government"
    OBSERVER = "observer", "Observer organisation"
    PARTICIPANT = "participant", "Participant in the edition"
    PUBLIC = "public", "Published by the Support Unit"


# Who sees every version of a paper: those who see it while it is drafted. Readers whose
# access starts at consultation (Friends, observers) see the versions put out for
# consultation and the final one; participants and the public, the final version only.
DRAFTER_ROLES = frozenset(
    {
        AccessRole.SUPPORT_UNIT,
        AccessRole.CHAIR,
        AccessRole.COCHAIR,
        AccessRole.TEAM,
        AccessRole.STEERING,
    }
)
CONSULTED_ROLES = frozenset({AccessRole.FRIEND, AccessRole.OBSERVER})
