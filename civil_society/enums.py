"""Choices of the Civil Society Days. No imports from the app: models, rules and tests read these.

Allowed state changes are data (transition tables next to the enums) so the admin, the API
and the tests read the same table.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gfmd.platform.transitions import Transition, TransitionTable


class Sector(models.TextChoices):
    """The five sectors CSD participants come from (domain.md). Exactly one per organisation."""

    DEVELOPMENT = "development", _("Development organisation")
    MIGRANT_DIASPORA = "migrant_diaspora", _("Migrant rights and diaspora group")
    TRADE_UNION = "trade_union", _("Trade union")
    PRIVATE_SECTOR = "private_sector", _("Private sector employer")
    ACADEMIA = "academia", _("Academia")


class CommitteeRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    MEMBER = "member", _("Member")


class LedCheck(models.TextChoices):
    """Staff check of the self-declared migrant-led / diaspora-led status."""

    NOT_DECLARED = "not_declared", _("Not declared")
    PENDING = "pending", _("Declared, not yet checked")
    CONFIRMED = "confirmed", _("Confirmed by staff")
    REJECTED = "rejected", _("Not confirmed by staff")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", pgettext_lazy("application status", "Withdrawn")


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
    WEB = "web", _("Applicant (focal point)")
    PARTNER = "partner", _("Partner system")
    STAFF = "staff", _("Entered by staff")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other / self-described")


class DelegateStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    SELECTED = "selected", _("Selected")
    WAITLISTED = "waitlisted", _("Waitlisted")
    DECLINED = "declined", _("Declined")
    RELEASED = "released", _("Place released")
    WITHDRAWN = "withdrawn", _("Withdrawn")


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

    SELECTED = "selected", _("Selected")
    WAITLISTED = "waitlisted", _("Waitlisted")
    OUT = "out", _("Not selected")


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (staff may adjust)")
    CONFIRMED = "confirmed", _("Confirmed")
    SUPERSEDED = "superseded", _("Superseded by a later run")


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

    MIRRORS = "mirrors", _("Mirrors a government roundtable session")
    ADDED = "added", _("Topic added by the CSD")
    SUBSTITUTES = "substitutes", _("Topic substituted by the CSD")


class CommonSpaceSide(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    OBSERVER = "observer", _("Observer organisation")
    MECHANISM = "mechanism", _("Stakeholder mechanism")


class CommonSpaceRole(models.TextChoices):
    MODERATOR = "moderator", _("Moderator")
    SPEAKER = "speaker", _("Speaker")
    PARTICIPANT = "participant", _("Participant")
