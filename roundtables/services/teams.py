"""Government teams: governments volunteer; co-chairs or staff accept or decline."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.services.activity import log_action
from gfmd.platform.services.transitions import require_reason, transition_run
from roundtables.enums import TeamState
from roundtables.models import CoChair, Session, TeamMembership
from roundtables.models.cochairs import ACTIVE_COCHAIR_STATES, ACTIVE_TEAM_STATES


@transaction.atomic
def team_request(
    *, actor, session: Session, country=None, mechanism=None, note: str = ""
) -> TeamMembership:
    """A government asks to join a session's team; or the Support Unit adds a stakeholder
    mechanism (a participant of its own, not a government: no co-chair check)."""
    if (country is None) == (mechanism is None):
        raise DomainError(_("Name one government or one mechanism."), field="country")
    if country is not None and not country.is_state:
        raise DomainError(
            _("%(country)s is not a state; teams are governments.") % {"country": country},
            field="country",
        )
    session = (
        Session.objects.select_for_update(of=("self",))
        .select_related("roundtable")
        .get(pk=session.pk)
    )
    body = country or mechanism
    if TeamMembership.objects.filter(
        session=session, country=country, mechanism=mechanism, state__in=ACTIVE_TEAM_STATES
    ).exists():
        raise ConflictError(
            _("%(country)s has already asked to join %(session)s's team.")
            % {"country": body, "session": session.code},
            code="already_requested",
        )
    if (
        country is not None
        and CoChair.objects.filter(
            session=session, country=country, state__in=ACTIVE_COCHAIR_STATES
        ).exists()
    ):
        raise ConflictError(
            _("%(country)s is a co-chair (or proposed) of %(session)s.")
            % {"country": country, "session": session.code},
            code="already_cochair",
        )
    membership = TeamMembership.objects.create(
        session=session,
        country=country,
        mechanism=mechanism,
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        reason=note,
    )
    log_action(
        actor,
        membership,
        "team.request",
        {"from": None, "to": TeamState.REQUESTED, "session": session.code, "reason": note},
    )
    return membership


def _decide(actor, membership: TeamMembership, name: str, reason: str) -> TeamMembership:
    membership = (
        TeamMembership.objects.select_for_update(of=("self",))
        .select_related("session__roundtable", "country", "mechanism")
        .get(pk=membership.pk)
    )

    def prepare(membership):
        membership.reason = reason
        if name in ("accept", "decline"):
            membership.decided_by = actor if getattr(actor, "is_authenticated", False) else None
            membership.decided_at = timezone.now()
        return {"session": membership.session.code}

    decided = ["decided_by", "decided_at"] if name in ("accept", "decline") else []
    transition_run(
        membership,
        name,
        actor=actor,
        action=f"team.{name}",
        reason=reason,
        lock=False,
        prepare=prepare,
        fields=["reason", *decided],
    )
    return membership


@transaction.atomic
def team_accept(*, actor, membership: TeamMembership, reason: str = "") -> TeamMembership:
    return _decide(actor, membership, "accept", reason)


@transaction.atomic
def team_decline(*, actor, membership: TeamMembership, reason: str) -> TeamMembership:
    return _decide(
        actor, membership, "decline", require_reason(reason, pgettext("reason for", "declining"))
    )


@transaction.atomic
def team_leave(*, actor, membership: TeamMembership, reason: str = "") -> TeamMembership:
    return _decide(actor, membership, "leave", reason)
