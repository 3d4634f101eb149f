"""Visa invitation letters: issued once per approved participant who asked for one,
numbered per registration, re-issued only with a reason (a new row; the old one kept)."""

import hashlib
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gfmd.platform.errors import ConflictError
from gfmd.platform.services.activity import log_action
from gfmd.platform.services.templates import document_render, document_template_for
from gfmd.platform.services.transitions import require_reason
from registration.enums import ParticipantState
from registration.models import Participant, PassportData, Registration, VisaLetter
from registration.models.documents import VISA_LETTER_KIND


def _day(value: date | None) -> str:
    return date_format(value, "j F Y") if value else ""


def meeting_dates(meeting) -> str:
    if not meeting.end_date or meeting.end_date == meeting.start_date:
        return _day(meeting.start_date)
    return f"{_day(meeting.start_date)} - {_day(meeting.end_date)}"


def meeting_venue(meeting) -> str:
    if meeting.is_virtual and not meeting.city:
        return _("Online")
    country = meeting.country.name if meeting.country_id else ""
    return ", ".join(part for part in (meeting.city, country) if part)


def letter_number(registration: Registration, sequence: int) -> str:
    return f"GFMD-{registration.meeting.start_date.year}-{registration.pk}-{sequence:04d}"


def _values(participant: Participant, passport: PassportData, number: str) -> dict:
    meeting = participant.registration.meeting
    delegation = participant.delegation
    return {
        "name": participant.full_name,
        "title": participant.title,
        "function": participant.function,
        "delegation": str(delegation) if delegation else "",
        "nationality": passport.nationality.name,
        "passport_number": passport.passport_number,
        "date_of_birth": _day(passport.date_of_birth),
        "passport_expires": _day(passport.passport_expires),
        "meeting": meeting.title,
        "dates": meeting_dates(meeting),
        "venue": meeting_venue(meeting),
        "number": number,
        "issue_date": _day(timezone.localdate()),
    }


def _check_entitled(participant: Participant) -> PassportData:
    if participant.state != ParticipantState.APPROVED:
        raise ConflictError(
            _("A visa letter is issued only to an approved participant."), code="not_approved"
        )
    if not participant.visa_letter_needed:
        raise ConflictError(
            _("This participant did not ask for a visa invitation letter."), code="not_requested"
        )
    passport = (
        PassportData.objects.select_related("nationality").filter(participant=participant).first()
    )
    if passport is None:
        raise ConflictError(
            _("The participant's passport data are missing (or were purged)."),
            code="no_passport_data",
        )
    return passport


@transaction.atomic
def visa_letter_issue(*, actor, participant: Participant, reason: str = "") -> VisaLetter:
    """Issue the participant's letter, or re-issue it with a reason (a new number)."""
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("meeting__country")
        .get(pk=participant.registration_id)
    )  # serialises numbering within the registration
    participant = (
        Participant.objects.select_for_update(of=("self",))
        .select_related("country", "organisation")
        .get(pk=participant.pk)
    )
    participant.registration = registration
    passport = _check_entitled(participant)
    current = VisaLetter.objects.filter(participant=participant, superseded_at__isnull=True).first()
    if current is not None:
        reason = (reason or "").strip()
        if not reason:
            raise ConflictError(
                _("Letter %(number)s was already issued; a re-issue needs a reason.")
                % {"number": current.number},
                code="already_issued",
            )
        reason = require_reason(reason, _("the re-issue"))
    sequence = (registration.visa_letters.aggregate(last=Max("sequence"))["last"] or 0) + 1
    number = letter_number(registration, sequence)
    template = document_template_for(kind=VISA_LETTER_KIND, language=participant.language)
    with translation.override(template.language):
        document = document_render(
            template=template,
            values=_values(participant, passport, number),
            extra={"reference": number},
        )
    now = timezone.now()
    if current is not None:
        current.superseded_at = now
        current.save(update_fields=["superseded_at"])
    letter = VisaLetter(
        registration=registration,
        participant=participant,
        sequence=sequence,
        number=number,
        reissue_of=current,
        reason=reason if current is not None else "",
        language=template.language,
        template_version=template.version,
        checksum=hashlib.sha256(document.pdf).hexdigest(),
        issued_by=actor if getattr(actor, "is_authenticated", False) else None,
        issued_at=now,
    )
    letter.file.save(f"{number}.pdf", ContentFile(document.pdf), save=False)
    letter.full_clean(exclude=["file"])
    letter.save()
    # No passport data in the log: the number, the language and the reason only.
    log_action(
        actor,
        participant,
        "participant.visa_letter_reissued" if current else "participant.visa_letter_issued",
        {"number": number, "language": letter.language, "reason": letter.reason},
    )
    return letter


def visa_letters_issue_due(*, actor, registration: Registration) -> list[VisaLetter]:
    """Issue the letters still owed in a registration (approved, asked for one, none yet)."""
    due = (
        Participant.objects.filter(
            registration=registration,
            state=ParticipantState.APPROVED,
            visa_letter_needed=True,
            passport__isnull=False,
        )
        .exclude(visa_letters__isnull=False)
        .order_by("id")
    )
    return [visa_letter_issue(actor=actor, participant=p) for p in due]
