"""Nominations: a delegation's focal point (or its partner system, or staff) nominates,
updates, submits, cancels and substitutes participants.

Window: outside staff, nominations and changes are taken while registration is open;
cancellations and substitutions until the late-change deadline (else the closing time).
Every state change goes through the transition engine (`participant_move`).
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gfmd.models import Country
from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.roles import is_support_staff
from gfmd.platform.services.activity import log_action
from gfmd.platform.services.records import record_save
from gfmd.rules import focal_point_bodies
from registration.enums import (
    COUNTRY_KINDS,
    NO_DELEGATION_KINDS,
    ORGANISATION_KINDS,
    AttendanceFormat,
    ParticipantState,
)
from registration.models import Participant, PassportData, Registration
from registration.models.participants import mask
from registration.services.decisions import waitlist_promote, waitlist_renumber
from registration.services.transitions import participant_move

# Fields a nomination carries (besides category, delegation and passport data).
EDITABLE_FIELDS = (
    "full_name",
    "title",
    "function",
    "email",
    "language",
    "is_head_of_delegation",
    "attendance_format",
    "accessibility_needs",
    "visa_letter_needed",
)


# A substitute keeps the seat's role and format; the person's own details are new.
SUBSTITUTE_FIELDS = tuple(
    f for f in EDITABLE_FIELDS if f not in ("is_head_of_delegation", "attendance_format")
)


@dataclass(frozen=True)
class Passport:
    nationality: Country
    passport_number: str
    date_of_birth: date
    passport_expires: date | None = None


def _is_open(registration: Registration, *, late: bool = False) -> bool:
    now = timezone.now()
    closes = registration.closes_at
    if late and registration.late_change_deadline:
        closes = registration.late_change_deadline
    return registration.opens_at <= now <= closes


def check_window(actor, registration: Registration, *, late: bool = False) -> None:
    """Staff may always act; delegations only while registration (or late change) is open."""
    if is_support_staff(actor) or _is_open(registration, late=late):
        return
    if late:
        raise DomainError(_("The deadline for changes to this registration has passed."))
    raise DomainError(_("Registration for this meeting is not open."), code="registration_closed")


def _check_delegation(actor, participant: Participant) -> None:
    """The delegation fits the category's kind, and a non-staff actor represents it."""
    category = participant.category
    if category.registration_id != participant.registration_id:
        raise DomainError(_("This category belongs to another registration."), field="category")
    if category.kind in COUNTRY_KINDS and (
        participant.country_id is None or participant.organisation_id
    ):
        raise DomainError(
            _("Participants of this category belong to a government."), field="country"
        )
    if category.kind in ORGANISATION_KINDS and (
        participant.organisation_id is None or participant.country_id
    ):
        raise DomainError(
            _("Participants of this category belong to an organisation."), field="organisation"
        )
    if category.kind in NO_DELEGATION_KINDS and (
        participant.country_id or participant.organisation_id
    ):
        raise DomainError(_("Participants of this category have no delegation."), field="category")
    if (
        category.organisation_kind
        and participant.organisation_id
        and participant.organisation.kind != category.organisation_kind
    ):
        raise DomainError(
            _("This category takes organisations of the kind %(kind)s.")
            % {"kind": category.get_organisation_kind_display()},
            field="organisation",
        )
    if is_support_staff(actor):
        return
    countries, organisations = focal_point_bodies(actor)
    if category.kind in NO_DELEGATION_KINDS or not (
        participant.country_id in countries or participant.organisation_id in organisations
    ):
        raise DomainError(
            _("You can nominate participants only for the delegation you represent."),
            field="country" if participant.country_id else "organisation",
        )


def _check_format_and_sessions(participant: Participant, sessions) -> None:
    registration = participant.registration
    offered = {
        AttendanceFormat.IN_PERSON: registration.in_person,
        AttendanceFormat.ONLINE: registration.online,
    }
    if not offered.get(participant.attendance_format):
        raise DomainError(
            _("This meeting does not offer %(format)s participation.")
            % {"format": participant.get_attendance_format_display().lower()},
            field="attendance_format",
        )
    edition_id = registration.meeting.edition_id
    foreign = [s for s in sessions or () if s.roundtable.edition_id != edition_id]
    if foreign:
        raise DomainError(
            _("Speakers can ask only for sessions of this meeting's edition."),
            field="speaking_sessions",
        )


def _passport_log(passport: PassportData | None) -> dict | None:
    """What the activity log keeps of passport data: masked, never the values."""
    if passport is None:
        return None
    return {
        "nationality": passport.nationality.iso2,
        "passport_number": mask(passport.passport_number),
        "date_of_birth": "****-**-**",
    }


def passport_set(*, actor, participant: Participant, passport: Passport | None) -> None:
    """Write (or, with None, remove) the participant's passport data; logged masked."""
    existing = PassportData.objects.filter(participant=participant).first()
    if passport is None:
        if existing is not None:
            existing.delete()
            log_action(actor, participant, "participant.passport_removed", {})
        return
    row = existing or PassportData(participant=participant)
    row.nationality = passport.nationality
    row.passport_number = passport.passport_number.replace(" ", "").upper()
    row.date_of_birth = passport.date_of_birth
    row.passport_expires = passport.passport_expires
    row.full_clean(exclude=["participant"])
    row.save()
    log_action(actor, participant, "participant.passport_set", {"passport": _passport_log(row)})


@transaction.atomic
def participant_nominate(
    *,
    actor,
    registration: Registration,
    category,
    country=None,
    organisation=None,
    speaking_sessions=(),
    passport: Passport | None = None,
    submit: bool = False,
    csd_delegate=None,
    **fields,
) -> Participant:
    """A new participant (draft; submitted at once with `submit=True`)."""
    check_window(actor, registration)
    participant = Participant(
        registration=registration,
        category=category,
        country=country,
        organisation=organisation,
        csd_delegate=csd_delegate,
        created_by=actor if getattr(actor, "pk", None) else None,
        **{k: v for k, v in fields.items() if k in EDITABLE_FIELDS},
    )
    _check_delegation(actor, participant)
    _check_format_and_sessions(participant, speaking_sessions)
    record_save(actor=actor, instance=participant, action="participant.nominate")
    participant.speaking_sessions.set(speaking_sessions)
    passport_set(actor=actor, participant=participant, passport=passport)
    if submit:
        participant_submit(actor=actor, participant=participant)
    return participant


UPDATABLE_STATES = (ParticipantState.DRAFT, ParticipantState.SUBMITTED, ParticipantState.WAITLISTED)


@transaction.atomic
def participant_update(
    *, actor, participant: Participant, speaking_sessions=None, passport=..., **fields
) -> Participant:
    """Change a nomination's details (not its category or delegation: cancel and nominate
    again). Staff may also correct an approved participant."""
    check_window(actor, participant.registration)
    allowed = UPDATABLE_STATES + ((ParticipantState.APPROVED,) if is_support_staff(actor) else ())
    if participant.state not in allowed:
        raise ConflictError(
            _("A participant who is %(state)s can no longer be changed.")
            % {"state": participant.get_state_display().lower()},
            code="invalid_state",
        )
    for name, value in fields.items():
        if name in EDITABLE_FIELDS:
            setattr(participant, name, value)
    _check_format_and_sessions(participant, speaking_sessions)
    record_save(actor=actor, instance=participant, action="participant.update")
    if speaking_sessions is not None:
        participant.speaking_sessions.set(speaking_sessions)
    if passport is not ...:
        passport_set(actor=actor, participant=participant, passport=passport)
    return participant


def _check_complete(participant: Participant) -> None:
    if (
        participant.visa_letter_needed
        and not PassportData.objects.filter(participant=participant).exists()
    ):
        raise DomainError(
            _("A visa invitation letter needs the nationality, passport number and date of birth."),
            field="passport",
        )


@transaction.atomic
def participant_submit(*, actor, participant: Participant) -> Participant:
    check_window(actor, participant.registration)
    _check_complete(participant)

    def prepare(obj):
        obj.submitted_at = timezone.now()

    return participant_move(
        actor=actor,
        participant=participant,
        name="submit",
        prepare=prepare,
        fields=["submitted_at"],
    )


@transaction.atomic
def participant_cancel(*, actor, participant: Participant, reason: str = "") -> Participant:
    """Cancel; an approved participant's seat goes to the waitlist."""
    check_window(actor, participant.registration, late=True)
    previous = participant.state
    participant = participant_move(
        actor=actor, participant=participant, name="cancel", reason=reason
    )
    if previous == ParticipantState.APPROVED:
        waitlist_promote(category=participant.category)
    elif previous == ParticipantState.WAITLISTED:
        waitlist_renumber(category_id=participant.category_id)
    return participant


@transaction.atomic
def participant_substitute(
    *,
    actor,
    participant: Participant,
    reason: str = "",
    speaking_sessions=(),
    passport: Passport | None = None,
    **fields,
) -> Participant:
    """Replace the participant by a new person who keeps the seat: the same category,
    delegation, head-of-delegation role, state and waitlist place. The replaced participant
    stays (state: substituted) and links to the substitute, so the history is kept."""
    check_window(actor, participant.registration, late=True)
    state, position = participant.state, participant.waitlist_position
    participant_move(actor=actor, participant=participant, name="substitute", reason=reason)
    substitute = Participant(
        registration=participant.registration,
        category=participant.category,
        country=participant.country,
        organisation=participant.organisation,
        is_head_of_delegation=participant.is_head_of_delegation,
        attendance_format=participant.attendance_format,
        state=state,
        waitlist_position=position,
        submitted_at=participant.submitted_at,
        state_changed_at=timezone.now(),
        substitutes=participant,
        created_by=actor if getattr(actor, "pk", None) else None,
        **{
            k: v for k, v in fields.items() if k in EDITABLE_FIELDS and k != "is_head_of_delegation"
        },
    )
    _check_format_and_sessions(substitute, speaking_sessions)
    record_save(actor=actor, instance=substitute, action="participant.substitute_for")
    substitute.speaking_sessions.set(speaking_sessions)
    passport_set(actor=actor, participant=substitute, passport=passport)
    if state != ParticipantState.DRAFT:
        _check_complete(substitute)
    return substitute
