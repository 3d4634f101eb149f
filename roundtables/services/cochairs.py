"""Co-chair workflow: propose (volunteer or nominate), confirm, decline, withdraw, replace.

The rule: at most one confirmed developed and one confirmed developing co-chair per
session, judged by the country's development status (override included) at confirmation.
Confirmations lock the session row, so two racing confirmations run one after the other
and the second sees the first; the partial unique constraint on (session, seat) is the
backstop for any writer that skips this service.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.services.activity import log_action
from gfmd.platform.services.transitions import Webhook, require_reason, transition_run
from roundtables.enums import SEAT_WORDS, CoChairOrigin, CoChairState, Seat
from roundtables.models import CoChair, Session
from roundtables.models.cochairs import ACTIVE_COCHAIR_STATES
from roundtables.notifications import notify_user
from roundtables.selectors.audience import focal_point_users


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


def _notify_country(cochair: CoChair, event: str, build) -> None:
    """Mail the government's focal points, each in their language (`build` -> subject, body)."""
    for user in focal_point_users([cochair.country_id]):
        notify_user(user, key=f"rt-cochair:{cochair.pk}:{event}:{user.pk}", build=build)


@transaction.atomic
def cochair_propose(*, actor, session: Session, country, origin: str, note: str = "") -> CoChair:
    """A government volunteers (origin volunteered) or staff nominate it (nominated)."""
    if origin not in CoChairOrigin.values:
        raise DomainError(
            _("Say whether the government volunteered or was nominated."), field="origin"
        )
    if not country.is_state:
        raise DomainError(
            _("%(country)s is not a state; only governments co-chair.") % {"country": country},
            field="country",
        )
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
            _("%(country)s is already %(state)s for %(session)s.")
            % {
                "country": country,
                "state": existing.get_state_display().lower(),
                "session": session.code,
            },
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


def _confirmed_payload(cochair: CoChair, previous: str, transition) -> dict:
    session = cochair.session
    return {
        "id": cochair.pk,
        "session": session.pk,
        "session_code": session.code,
        "edition": session.roundtable.edition_id,
        "country": cochair.country.iso3,
        "seat": cochair.seat,
        "confirmed_at": cochair.decided_at.isoformat(),
    }


def _decided_by(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def cochair_confirm(*, actor, cochair: CoChair, reason: str = "") -> CoChair:
    session, cochair = _lock(cochair)
    country = cochair.country

    def prepare(cochair):
        seat = country.development_status  # the policy value today, override included
        holder = (
            CoChair.objects.filter(session=session, state=CoChairState.CONFIRMED, seat=seat)
            .select_related("country")
            .first()
        )
        if holder is not None:
            other = Seat.DEVELOPING if seat == Seat.DEVELOPED else Seat.DEVELOPED
            raise ConflictError(
                _(
                    "%(session)s already has a confirmed %(seat)s co-chair (%(holder)s); "
                    "%(country)s counts as %(seat)s. Confirm a %(other)s government, or "
                    "withdraw %(holder)s first."
                )
                % {
                    "session": session.code,
                    "seat": SEAT_WORDS[seat],
                    "holder": holder.country,
                    "country": country,
                    "other": SEAT_WORDS[other],
                },
                code="seat_taken",
            )
        cochair.seat = seat
        cochair.decided_by = _decided_by(actor)
        cochair.decided_at = timezone.now()
        cochair.reason = reason
        return {
            "seat": seat,
            "session": session.code,
            "development_default": country.development_default,
            "development_override": country.development_override,
        }

    transition_run(
        cochair,
        "confirm",
        actor=actor,
        action="cochair.confirm",
        reason=reason,
        lock=False,
        prepare=prepare,
        fields=["seat", "decided_by", "decided_at", "reason"],
        webhook=Webhook("cochair.confirmed", _confirmed_payload, "roundtables.view_cochair"),
        notify=lambda cochair: _notify_country(
            cochair,
            "confirmed",
            lambda: (
                _("Co-chair confirmed: %(session)s") % {"session": session.code},
                _("%(country)s is confirmed as co-chair (%(seat)s seat) of %(session)s.")
                % {"country": country, "seat": SEAT_WORDS[cochair.seat], "session": session}
                + "\n"
                + _("Edition: %(edition)s") % {"edition": cochair.session.roundtable.edition},
            ),
        ),
    )
    return cochair


@transaction.atomic
def cochair_decline(*, actor, cochair: CoChair, reason: str) -> CoChair:
    session, cochair = _lock(cochair)

    def prepare(cochair):
        cochair.decided_by = _decided_by(actor)
        cochair.decided_at = timezone.now()
        cochair.reason = require_reason(reason, pgettext("reason for", "declining"))
        return {"session": session.code}

    transition_run(
        cochair,
        "decline",
        actor=actor,
        action="cochair.decline",
        reason=(reason or "").strip(),
        lock=False,
        prepare=prepare,
        fields=["decided_by", "decided_at", "reason"],
        notify=lambda cochair: _notify_country(
            cochair,
            "declined",
            lambda: (
                _("Co-chair proposal declined: %(session)s") % {"session": session.code},
                _("The proposal of %(country)s as co-chair of %(session)s was declined.")
                % {"country": cochair.country, "session": session}
                + "\n"
                + _("Reason: %(reason)s") % {"reason": cochair.reason},
            ),
        ),
    )
    return cochair


@transaction.atomic
def cochair_withdraw(*, actor, cochair: CoChair, reason: str) -> CoChair:
    """The government withdraws (or staff record it); a confirmed seat opens again."""
    session, cochair = _lock(cochair)

    def prepare(cochair):
        cochair.reason = require_reason(reason, pgettext("reason for", "withdrawing"))
        return {"session": session.code, "seat": cochair.seat}

    transition_run(
        cochair,
        "withdraw",
        actor=actor,
        action="cochair.withdraw",
        reason=(reason or "").strip(),
        lock=False,
        prepare=prepare,
        fields=["reason"],
    )
    return cochair


@transaction.atomic
def cochair_replace(*, actor, cochair: CoChair, replacement: CoChair, reason: str) -> CoChair:
    """Withdraw a confirmed co-chair and confirm a proposed one, in one step."""
    if replacement.session_id != cochair.session_id:
        raise DomainError(
            _("The replacement must be proposed for the same session."), field="replacement"
        )
    if cochair.state != CoChairState.CONFIRMED:
        raise ConflictError(
            _("Only a confirmed co-chair can be replaced."), code="invalid_transition"
        )
    cochair_withdraw(actor=actor, cochair=cochair, reason=reason)
    return cochair_confirm(
        actor=actor,
        cochair=replacement,
        reason=_("Replaces %(country)s: %(reason)s")
        % {"country": cochair.country, "reason": reason},
    )
