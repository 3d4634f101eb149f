"""Applications and their nominated delegates: submit (also by partner systems), update,
withdraw; a selected delegate's place can be released (the waitlist then moves up)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civil_society.enums import (
    ApplicationSource,
    ApplicationStatus,
    DelegateStatus,
    ProposalStatus,
)
from civil_society.models import Application, CSDEdition, Delegate
from civil_society.services.delegates import delegate_set_status
from civil_society.services.waitlist import delegate_release
from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.services.records import record_save
from gfmd.platform.services.transitions import transition_run


@dataclass(frozen=True)
class NominatedDelegate:
    full_name: str
    email: str
    country: object
    gender: str = ""
    expertise: str = ""
    roundtable_interests: tuple = ()


def _selection_confirmed(csd_edition: CSDEdition) -> bool:
    return csd_edition.proposals.filter(status=ProposalStatus.CONFIRMED).exists()


def _check_open(csd_edition: CSDEdition) -> None:
    if not csd_edition.applications_open:
        raise DomainError(_("Applications to these Civil Society Days are closed."))
    if _selection_confirmed(csd_edition):
        raise ConflictError(
            _("The selection is already confirmed; applications can no longer change."),
            code="selection_confirmed",
        )


@transaction.atomic
def application_submit(
    *,
    actor,
    csd_edition: CSDEdition,
    organisation,
    motivation: str,
    delegates: list[NominatedDelegate],
    contact_email: str = "",
    source: str = ApplicationSource.WEB,
    external_ref: str = "",
) -> tuple[Application, bool]:
    """Create an application with its delegates. Returns (application, created).

    A partner system resubmitting the same `external_ref` gets the existing application
    back (idempotent), never a second one.
    """
    submitter = actor if getattr(actor, "is_authenticated", False) else None
    if external_ref and submitter is not None:
        existing = Application.objects.filter(
            submitted_by=submitter, external_ref=external_ref
        ).first()
        if existing is not None:
            return existing, False
    CSDEdition.objects.select_for_update().filter(pk=csd_edition.pk).first()
    _check_open(csd_edition)
    if not delegates:
        raise DomainError(_("Nominate at least one delegate."), field="delegates")
    emails = [d.email.strip().lower() for d in delegates]
    if len(set(emails)) != len(emails):
        raise DomainError(_("A delegate is nominated twice."), field="delegates")
    if Application.objects.filter(
        csd_edition=csd_edition, organisation=organisation, status=ApplicationStatus.SUBMITTED
    ).exists():
        raise ConflictError(
            _("%(organisation)s has already applied to %(csd_edition)s.")
            % {"organisation": organisation, "csd_edition": csd_edition},
            code="already_applied",
        )
    application = record_save(
        actor=actor,
        instance=Application(
            csd_edition=csd_edition,
            organisation=organisation,
            motivation=motivation,
            contact_email=contact_email,
            source=source,
            submitted_by=submitter,
            external_ref=external_ref,
            submitted_at=timezone.now(),
        ),
    )
    for position, nominee in enumerate(delegates, start=1):
        record_save(
            actor=actor,
            instance=Delegate(
                application=application,
                csd_edition=csd_edition,
                position=position,
                full_name=nominee.full_name,
                email=nominee.email.strip(),
                gender=nominee.gender,
                country=nominee.country,
                expertise=nominee.expertise,
                roundtable_interests=list(nominee.roundtable_interests),
            ),
        )
    return application, True


@transaction.atomic
def application_update(*, actor, application: Application, **fields) -> Application:
    """Change the motivation or contact while the application is open."""
    if application.status != ApplicationStatus.SUBMITTED:
        raise ConflictError(_("A withdrawn application cannot change."), code="invalid_transition")
    _check_open(application.csd_edition)
    allowed = {"motivation", "contact_email"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError({name: _("This field cannot change here.") for name in unknown})
    for name, value in fields.items():
        setattr(application, name, value)
    return record_save(actor=actor, instance=application)


@transaction.atomic
def application_withdraw(*, actor, application: Application, reason: str = "") -> Application:
    """Withdraw an application; a selected delegate's place is released to the waitlist."""
    application = transition_run(
        application, "withdraw", actor=actor, action="application.withdraw", reason=reason
    )
    for delegate in application.delegates.order_by("position", "id"):
        if delegate.status == DelegateStatus.SELECTED:
            delegate_release(actor=actor, delegate=delegate, reason="application withdrawn")
        elif delegate.status in (DelegateStatus.NOMINATED, DelegateStatus.WAITLISTED):
            delegate_set_status(
                actor=actor, delegate=delegate, status=DelegateStatus.WITHDRAWN, reason=reason
            )
    return application
