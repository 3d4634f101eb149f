"""Choices of meeting registration. No imports from the app: models, rules and tests read these.

The allowed state changes are data (transition tables next to the enums), read alike by the
services, the admin and the API.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gfmd.platform.transitions import Transition, TransitionTable


class CategoryKind(models.TextChoices):
    """What a participant category is; decides which delegation (if any) a participant has."""

    GOVERNMENT = "government", _("Government delegation")
    OBSERVER_STATE = "observer_state", _("Observer state")
    OBSERVER_ORGANISATION = "observer_organisation", _("Observer organisation")
    STAKEHOLDER = "stakeholder", _("Stakeholder mechanism")
    CSD_DELEGATE = "csd_delegate", _("Civil Society Days delegate")
    MEDIA = "media", _("Media")
    SUPPORT_UNIT = "support_unit", _("Support Unit")
    GUEST = "guest", _("Guest")


# Which delegation a category's participants belong to.
COUNTRY_KINDS = (CategoryKind.GOVERNMENT, CategoryKind.OBSERVER_STATE)
ORGANISATION_KINDS = (
    CategoryKind.OBSERVER_ORGANISATION,
    CategoryKind.STAKEHOLDER,
    CategoryKind.CSD_DELEGATE,
)
NO_DELEGATION_KINDS = (CategoryKind.MEDIA, CategoryKind.SUPPORT_UNIT, CategoryKind.GUEST)


class ListVisibility(models.TextChoices):
    """Who sees a category's participants on the meeting's participant list."""

    PUBLIC = "public", _("Everyone")
    REGISTERED = "registered", _("Focal points of the meeting's delegations")
    STAFF = "staff", _("Support Unit only")


class QuotaScope(models.TextChoices):
    OVERALL = "overall", _("Whole category")
    PER_DELEGATION = "per_delegation", _("Each delegation")


class AttendanceFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class ParticipantState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    WAITLISTED = "waitlisted", _("Waitlisted")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", pgettext_lazy("participant state", "Cancelled")
    SUBSTITUTED = "substituted", _("Substituted")


# States that hold (or wait for) a seat: a head of delegation is unique among these.
ACTIVE_STATES = (
    ParticipantState.DRAFT,
    ParticipantState.SUBMITTED,
    ParticipantState.APPROVED,
    ParticipantState.WAITLISTED,
)

PARTICIPANT_TRANSITIONS = TransitionTable(
    "registration.participant",
    "state",
    Transition(
        "submit",
        _("Submit"),
        (ParticipantState.DRAFT,),
        ParticipantState.SUBMITTED,
        "registration.change_participant",
    ),
    # Staff decide; `approve` checks the quotas and waitlists when they are full.
    Transition(
        "approve",
        _("Approve"),
        (ParticipantState.SUBMITTED, ParticipantState.WAITLISTED),
        ParticipantState.APPROVED,
        "registration.decide_participant",
    ),
    Transition(
        "waitlist",
        _("Waitlist"),
        (ParticipantState.SUBMITTED,),
        ParticipantState.WAITLISTED,
        "registration.decide_participant",
    ),
    Transition(
        "reject",
        _("Reject"),
        (ParticipantState.SUBMITTED, ParticipantState.WAITLISTED),
        ParticipantState.REJECTED,
        "registration.decide_participant",
    ),
    Transition(
        "cancel",
        _("Cancel"),
        ACTIVE_STATES,
        ParticipantState.CANCELLED,
        "registration.change_participant",
    ),
    # The person is replaced by a new participant who takes over the seat and the state.
    Transition(
        "substitute",
        _("Substitute"),
        (ParticipantState.SUBMITTED, ParticipantState.APPROVED, ParticipantState.WAITLISTED),
        ParticipantState.SUBSTITUTED,
        "registration.change_participant",
    ),
)


class CredentialKind(models.TextChoices):
    NOTE_VERBALE = "note_verbale", _("Note Verbale")
    NOMINATION_LETTER = "nomination_letter", _("Nomination letter")


class CredentialState(models.TextChoices):
    PENDING = "pending", _("Pending check")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")


CREDENTIAL_TRANSITIONS = TransitionTable(
    "registration.credential",
    "state",
    Transition(
        "accept",
        _("Accept"),
        (CredentialState.PENDING,),
        CredentialState.ACCEPTED,
        "registration.check_credential",
    ),
    Transition(
        "refuse",
        _("Refuse"),
        (CredentialState.PENDING,),
        CredentialState.REFUSED,
        "registration.check_credential",
    ),
)
