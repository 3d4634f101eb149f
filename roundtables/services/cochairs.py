"""Co-chair workflow: propose (volunteer or nominate), confirm, decline, withdraw, replace.

The rule: at most one confirmed developed and one confirmed developing co-chair per
session, judged by the country's development status (override included) at confirmation.
Confirmations lock the session row, so two racing confirmations run one after the other
and the second sees the first; the partial unique constraint on (session, seat) is the
backstop for any writer that skips this service.
"""

from django.db import transaction
from django.utils import timezone

from gfmd.errors import ConflictError, DomainError
from gfmd.services.activity import log_action
from gfmd.services.notifications import notify
from gfmd.services.webhooks import webhook_emit
from roundtables.enums import COCHAIR_TRANSITIONS, CoChairOrigin, CoChairState, Seat
from roundtables.models import CoChair, Session
from roundtables.models.cochairs import ACTIVE_COCHAIR_STATES
from roundtables.selectors.audience import focal_point_users
from roundtables.services.transitions import apply_transition, check_transition, require_reason


def _lock(cochair: CoChair) -> tuple[Session, CoChair]:
    session = (
        Session.objects.select_for_update(of=("self",))
        .select_related("roundtable")
        .get(pk=cochair.session_id)
    )
    cochair = (
        CoChair.objects.select_for_update(of=("self",))
        .select_related("country", "session__roundtable__edition")
        .get(pk=cochair.pk)
    )
    return session, cochair


def _notify_country(cochair: CoChair, event: str, subject: str, body: str) -> None:
    for user in focal_point_users([cochair.country_id]):
        notify(
            key=f"rt-cochair:{cochair.pk}:{event}:{user.pk}",
            email=user.email,
            user=user,
            subject=subject,
            body=body,
        )


@transaction.atomic
def cochair_propose(*, actor, session: Session, country, origin: str, note: str = "") -> CoChair:
    """A government volunteers (origin volunteered) or staff nominate it (nominated)."""
    if origin not in CoChairOrigin.values:
        raise DomainError(
            "Say whether the government volunteered or was nominated.", field="origin"
        )
    if not country.is_state:
        raise DomainError(f"{country} is not a state; only governments co-chair.", field="country")
    session = (
        Session.objects.select_for_update(of=("self",))
        .select_related("roundtable")
        .get(pk=session.pk)
    )
    existing = CoChair.objects.filter(
        session=session, country=country, state__in=ACTIVE_COCHAIR_STATES
    ).first()
    if existing:
        raise ConflictError(
            f"{country} is already {existing.get_state_display().lower()} for {session.code}.",
            code="already_proposed",
        )
    cochair = CoChair.objects.create(
        session=session,
        country=country,
        origin=origin,
        proposed_by=actor if getattr(actor, "is_authenticated", False) else None,
        reason=note,
    )
    log_action(
        actor,
        cochair,
        "cochair.propose",
        {
            "from": None,
            "to": CoChairState.PROPOSED,
            "origin": origin,
            "session": session.code,
            "reason": note,
        },
    )
    return cochair


@transaction.atomic
def cochair_confirm(*, actor, cochair: CoChair, reason: str = "") -> CoChair:
    session, cochair = _lock(cochair)
    transition = check_transition(cochair, COCHAIR_TRANSITIONS, "confirm")
    country = cochair.country
    seat = country.development_status  # the policy value today, override included
    holder = (
        CoChair.objects.filter(session=session, state=CoChairState.CONFIRMED, seat=seat)
        .select_related("country")
        .first()
    )
    if holder is not None:
        other = Seat.DEVELOPING if seat == Seat.DEVELOPED else Seat.DEVELOPED
        raise ConflictError(
            f"{session.code} already has a confirmed {seat} co-chair ({holder.country}); "
            f"{country} counts as {seat}. Confirm a {other} government, or withdraw "
            f"{holder.country} first.",
            code="seat_taken",
        )
    cochair.seat = seat
    cochair.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    cochair.decided_at = timezone.now()
    cochair.reason = reason
    apply_transition(
        actor=actor,
        obj=cochair,
        transition=transition,
        action="cochair.confirm",
        reason=reason,
        data={
            "seat": seat,
            "session": session.code,
            "development_default": country.development_default,
            "development_override": country.development_override,
        },
        fields=["seat", "decided_by", "decided_at", "reason"],
    )
    webhook_emit(
        "cochair.confirmed",
        {
            "id": cochair.pk,
            "session": session.pk,
            "session_code": session.code,
            "edition": session.roundtable.edition_id,
            "country": country.iso3,
            "seat": seat,
            "confirmed_at": cochair.decided_at.isoformat(),
        },
        obj=cochair,
        perm="roundtables.view_cochair",
    )
    _notify_country(
        cochair,
        "confirmed",
        f"Co-chair confirmed: {session.code}",
        f"{country} is confirmed as co-chair ({seat} seat) of {session}.\n"
        f"Edition: {cochair.session.roundtable.edition}",
    )
    return cochair


@transaction.atomic
def cochair_decline(*, actor, cochair: CoChair, reason: str) -> CoChair:
    session, cochair = _lock(cochair)
    transition = check_transition(cochair, COCHAIR_TRANSITIONS, "decline")
    reason = require_reason(reason, "declining")
    cochair.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    cochair.decided_at = timezone.now()
    cochair.reason = reason
    apply_transition(
        actor=actor,
        obj=cochair,
        transition=transition,
        action="cochair.decline",
        reason=reason,
        data={"session": session.code},
        fields=["decided_by", "decided_at", "reason"],
    )
    _notify_country(
        cochair,
        "declined",
        f"Co-chair proposal declined: {session.code}",
        f"The proposal of {cochair.country} as co-chair of {session} was declined.\n"
        f"Reason: {reason}",
    )
    return cochair


@transaction.atomic
def cochair_withdraw(*, actor, cochair: CoChair, reason: str) -> CoChair:
    """The government withdraws (or staff record it); a confirmed seat opens again."""
    session, cochair = _lock(cochair)
    transition = check_transition(cochair, COCHAIR_TRANSITIONS, "withdraw")
    reason = require_reason(reason, "withdrawing")
    cochair.reason = reason
    apply_transition(
        actor=actor,
        obj=cochair,
        transition=transition,
        action="cochair.withdraw",
        reason=reason,
        data={"session": session.code, "seat": cochair.seat},
        fields=["reason"],
    )
    return cochair


@transaction.atomic
def cochair_replace(*, actor, cochair: CoChair, replacement: CoChair, reason: str) -> CoChair:
    """Withdraw a confirmed co-chair and confirm a proposed one, in one step."""
    if replacement.session_id != cochair.session_id:
        raise DomainError(
            "The replacement must be proposed for the same session.", field="replacement"
        )
    if cochair.state != CoChairState.CONFIRMED:
        raise ConflictError("Only a confirmed co-chair can be replaced.", code="invalid_transition")
    cochair_withdraw(actor=actor, cochair=cochair, reason=reason)
    return cochair_confirm(
        actor=actor, cochair=replacement, reason=f"Replaces {cochair.country}: {reason}"
    )
