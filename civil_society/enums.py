"""Choices of the Civil Society Days. No imports from the app: models, rules and tests read these.

Allowed state changes are data (transition tables next to the enums) so the admin, the API
and the tests read the same table.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gfmd.platform.transitions import Transition, TransitionTable


class Sector(models.TextChoices):
    """The five sectors CSD participants come from (domain.md). Exactly one per organisation."""

    DEVELOPMENT = "development", "Development organisation"
    MIGRANT_DIASPORA = "migrant_diaspora", "Migrant rights and diaspora group"
    TRADE_UNION = "trade_union", "Trade union"
    PRIVATE_SECTOR = "private_sector", "Private sector employer"
    ACADEMIA = "academia", "Academia"


class CommitteeRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"
    MEMBER = "member", "Member"


class LedCheck(models.TextChoices):
    """Staff check of the self-declared migrant-led / diaspora-led status."""

    NOT_DECLARED = "not_declared", "Not declared"
    PENDING = "pending", "Declared, not yet checked"
    CONFIRMED = "confirmed", "Confirmed by staff"
    REJECTED = "rejected", "Not confirmed by staff"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    WITHDRAWN = "withdrawn", "Withdrawn"


APPLICATION_TRANSITIONS = TransitionTable(
    "civil_society.application",
    "status",
    Transition(
        "withdraw",
        _("Withdraw"),
        (ApplicationStatus.SUBMITTED,),
        ApplicationStatus.WITHDRAWN,
        "civil_society.withdraw_application",
    ),
)


class ApplicationSource(models.TextChoices):
    WEB = "web", "Applicant (focal point)"
    PARTNER = "partner", "Partner system"
    STAFF = "staff", "Entered by staff"


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other / self-described"


class DelegateStatus(models.TextChoices):
    NOMINATED = "nominated", "Nominated"
    SELECTED = "selected", "Selected"
    WAITLISTED = "waitlisted", "Waitlisted"
    DECLINED = "declined", "Declined"
    RELEASED = "released", "Place released"
    WITHDRAWN = "withdrawn", "Withdrawn"


_OPEN = (DelegateStatus.NOMINATED, DelegateStatus.WAITLISTED)
# Named by the status they lead to: `delegate_set_status` looks the step up by target.
# Staff decide through the selection (proposal confirmation) and the waitlist services.
DELEGATE_TRANSITIONS = TransitionTable(
    "civil_society.delegate",
    "status",
    Transition("select", _("Select"), _OPEN, DelegateStatus.SELECTED),
    Transition("waitlist", _("Waitlist"), (DelegateStatus.NOMINATED,), DelegateStatus.WAITLISTED),
    Transition("decline", _("Decline"), _OPEN, DelegateStatus.DECLINED),
    Transition("withdraw", _("Withdraw"), _OPEN, DelegateStatus.WITHDRAWN),
    Transition(
        "release",
        _("Release the place"),
        (DelegateStatus.SELECTED,),
        DelegateStatus.RELEASED,
        "civil_society.release_delegate",
    ),
)

# Statuses that are notified to the delegate when reached.
NOTIFIED_STATUSES = (DelegateStatus.SELECTED, DelegateStatus.WAITLISTED, DelegateStatus.DECLINED)


class Outcome(models.TextChoices):
    """A proposal's verdict on one nominated delegate."""

    SELECTED = "selected", "Selected"
    WAITLISTED = "waitlisted", "Waitlisted"
    OUT = "out", "Not selected"


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", "Draft (staff may adjust)"
    CONFIRMED = "confirmed", "Confirmed"
    SUPERSEDED = "superseded", "Superseded by a later run"


PROPOSAL_TRANSITIONS = TransitionTable(
    "civil_society.selectionproposal",
    "status",
    Transition(
        "confirm",
        _("Confirm"),
        (ProposalStatus.DRAFT,),
        ProposalStatus.CONFIRMED,
        "civil_society.confirm_selection",
    ),
    # A new run of the selection replaces the draft (the run's permission covers it).
    Transition(
        "supersede",
        _("Supersede"),
        (ProposalStatus.DRAFT,),
        ProposalStatus.SUPERSEDED,
        "civil_society.run_selection",
    ),
)


class SessionOrigin(models.TextChoices):
    """How a CSD session relates to the government agenda (added/substituted are flagged)."""

    MIRRORS = "mirrors", "Mirrors a government roundtable session"
    ADDED = "added", "Topic added by the CSD"
    SUBSTITUTES = "substitutes", "Topic substituted by the CSD"


class CommonSpaceSide(models.TextChoices):
    GOVERNMENT = "government", "Government"
    CIVIL_SOCIETY = "civil_society", "Civil society"
    OBSERVER = "observer", "Observer organisation"


class CommonSpaceRole(models.TextChoices):
    MODERATOR = "moderator", "Moderator"
    SPEAKER = "speaker", "Speaker"
    PARTICIPANT = "participant", "Participant"
