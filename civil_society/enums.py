"""Choices of the Civil Society Days. No imports from the app: models, rules and tests read these.

Allowed state changes are data (dicts next to the enums) so the admin, the API and the tests
read the same table.
"""

from django.db import models


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


APPLICATION_TRANSITIONS = {
    ApplicationStatus.SUBMITTED: {ApplicationStatus.WITHDRAWN},
    ApplicationStatus.WITHDRAWN: set(),
}


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


DELEGATE_TRANSITIONS = {
    DelegateStatus.NOMINATED: {
        DelegateStatus.SELECTED,
        DelegateStatus.WAITLISTED,
        DelegateStatus.DECLINED,
        DelegateStatus.WITHDRAWN,
    },
    DelegateStatus.WAITLISTED: {
        DelegateStatus.SELECTED,
        DelegateStatus.DECLINED,
        DelegateStatus.WITHDRAWN,
    },
    DelegateStatus.SELECTED: {DelegateStatus.RELEASED},
    DelegateStatus.DECLINED: set(),
    DelegateStatus.RELEASED: set(),
    DelegateStatus.WITHDRAWN: set(),
}

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


PROPOSAL_TRANSITIONS = {
    ProposalStatus.DRAFT: {ProposalStatus.CONFIRMED, ProposalStatus.SUPERSEDED},
    ProposalStatus.CONFIRMED: set(),
    ProposalStatus.SUPERSEDED: set(),
}


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
