"""Chair candidatures: offer, consider, endorse (a Steering Group decision), confirm, take
office, hand over; withdraw or decline. Every step goes through `transition_run`
(CANDIDATURE_TRANSITIONS in gfmd/enums.py): activity entry, `candidature.state_changed`
webhook and the government's focal points told, after commit.

Confirmation makes the government a chair of the edition (an EditionChair row); taking
office and the hand-over set the chairmanship terms on dates, which the troika follows.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gfmd.enums import CandidatureState
from gfmd.models import Candidature, Country, Edition, EditionChair, MeetingDecision
from gfmd.models.candidatures import endorsement_problem
from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.services.activity import log_action
from gfmd.platform.services.notifications import notify
from gfmd.platform.services.transitions import Webhook, require_reason, transition_run
from gfmd.platform.services.webhooks import webhook_emit
from gfmd.selectors.candidatures import country_focal_point_users

READ_PERM = "gfmd.view_candidature"


def _payload(candidature: Candidature, previous: str | None = None, transition=None) -> dict:
    chair = candidature.chair
    return {
        "id": candidature.pk,
        "edition": candidature.edition_id,
        "country": candidature.country.iso3,
        "from": previous or None,
        "state": candidature.state,
        "endorsement": candidature.endorsement_id,
        "term_start": chair.term_start.isoformat() if chair and chair.term_start else None,
        "term_end": chair.term_end.isoformat() if chair and chair.term_end else None,
    }


def _tell_focal_points(candidature: Candidature) -> None:
    def render():
        return (
            _("Chair candidature: %(candidature)s") % {"candidature": candidature},
            _("The candidature of %(country)s to chair %(edition)s is now: %(state)s.")
            % {
                "country": candidature.country,
                "edition": candidature.edition,
                "state": candidature.get_state_display().lower(),
            },
        )

    for user in country_focal_point_users(candidature.country_id):
        notify(
            key=f"candidature:{candidature.pk}:{candidature.state}:{user.pk}",
            email=user.email,
            user=user,
            render=render,
        )


def _move(candidature, name, *, actor, reason="", prepare=None, fields=(), data=None):
    return transition_run(
        candidature,
        name,
        actor=actor,
        reason=reason,
        prepare=prepare,
        fields=fields,
        data=data,
        lock=False,
        webhook=Webhook("candidature.state_changed", _payload, perm=READ_PERM),
        notify=_tell_focal_points,
    )


def _locked(candidature: Candidature) -> Candidature:
    return (
        Candidature.objects.select_for_update(of=("self",))
        .select_related("edition", "country", "chair", "endorsement")
        .get(pk=candidature.pk)
    )


@transaction.atomic
def candidature_offer(
    *, actor, edition: Edition, country: Country, offered_on: date, note: str = ""
) -> Candidature:
    """A government offers (or says it will consider) to chair `edition`."""
    candidature = Candidature(edition=edition, country=country, offered_on=offered_on, note=note)
    candidature.full_clean()
    candidature.save()
    log_action(
        actor,
        candidature,
        "candidature.offer",
        {"from": None, "to": CandidatureState.OFFERED, "reason": note},
    )
    webhook_emit("candidature.offered", _payload(candidature), obj=candidature, perm=READ_PERM)
    _tell_focal_points(candidature)
    return candidature


@transaction.atomic
def candidature_consider(*, actor, candidature: Candidature, reason: str = "") -> Candidature:
    return _move(_locked(candidature), "consider", actor=actor, reason=reason)


@transaction.atomic
def candidature_endorse(
    *, actor, candidature: Candidature, decision: MeetingDecision
) -> Candidature:
    """Endorsed by the Steering Group: `decision` must be a Steering Group meeting's
    decision that endorses or adopts."""
    candidature = _locked(candidature)
    decision = MeetingDecision.objects.select_related("agenda_item__meeting").get(pk=decision.pk)

    def prepare(obj):
        problem = endorsement_problem(decision)
        if problem:
            raise DomainError(problem, field="decision", code="not_a_steering_group_endorsement")
        obj.endorsement = decision
        return {"decision": decision.pk, "decided_on": decision.decided_on.isoformat()}

    return _move(candidature, "endorse", actor=actor, prepare=prepare, fields=["endorsement"])


@transaction.atomic
def candidature_confirm(
    *,
    actor,
    candidature: Candidature,
    term_start: date | None = None,
    term_end: date | None = None,
) -> Candidature:
    """The government confirms: it becomes a chair of the edition (planned term optional)."""
    candidature = _locked(candidature)

    def prepare(obj):
        chair, _created = EditionChair.objects.get_or_create(
            edition=obj.edition, country=obj.country
        )
        if hasattr(chair, "candidature") and chair.candidature.pk != obj.pk:
            raise ConflictError(
                _("%(country)s already chairs %(edition)s through another candidature.")
                % {"country": obj.country, "edition": obj.edition},
                code="already_chair",
            )
        _set_term(chair, term_start, term_end)
        obj.chair = chair
        return {"chair": chair.pk}

    return _move(candidature, "confirm", actor=actor, prepare=prepare, fields=["chair"])


def _set_term(chair: EditionChair, start: date | None, end: date | None) -> None:
    if start is None and end is None:
        return
    chair.term_start, chair.term_end = start or chair.term_start, end
    chair.full_clean()
    chair.save(update_fields=["term_start", "term_end"])


@transaction.atomic
def candidature_take_office(*, actor, candidature: Candidature, on: date) -> Candidature:
    """The first chairmanship on dates (no predecessor to hand over from): its term starts
    `on`. Use `chairmanship_hand_over` when a chair is in office."""
    candidature = _locked(candidature)

    def prepare(obj):
        end = obj.chair.term_end
        _set_term(obj.chair, on, end if end and end > on else None)
        return {"term_start": on.isoformat()}

    return _move(candidature, "take_office", actor=actor, prepare=prepare)


@transaction.atomic
def chairmanship_hand_over(*, actor, outgoing: Edition, incoming: Edition, on: date) -> list:
    """Hand the chairmanship from `outgoing` to `incoming` on the day `on`: the outgoing
    chairs' terms end the day before, the incoming (confirmed) chairs' terms start `on`.
    Joint chairmanships move together. Returns the incoming candidatures."""
    if incoming.ordinal <= outgoing.ordinal:
        raise DomainError(
            _("The chairmanship passes to a later edition."), field="incoming", code="not_later"
        )
    leaving = list(
        Candidature.objects.select_for_update(of=("self",))
        .select_related("edition", "country", "chair", "endorsement")
        .filter(edition=outgoing, state=CandidatureState.IN_OFFICE)
        .order_by("id")
    )
    arriving = list(
        Candidature.objects.select_for_update(of=("self",))
        .select_related("edition", "country", "chair", "endorsement")
        .filter(edition=incoming, state=CandidatureState.CONFIRMED)
        .order_by("id")
    )
    if not leaving:
        raise ConflictError(
            _("%(edition)s has no chair in office to hand over.") % {"edition": outgoing},
            code="no_chair_in_office",
        )
    if not arriving:
        raise ConflictError(
            _("%(edition)s has no confirmed chair to take over.") % {"edition": incoming},
            code="no_confirmed_chair",
        )
    last_day = on - timedelta(days=1)
    data = {"on": on.isoformat(), "outgoing": outgoing.pk, "incoming": incoming.pk}
    for candidature in leaving:
        chair = candidature.chair
        if chair.term_start is None or chair.term_start > last_day:
            raise DomainError(
                _("The hand-over must come after %(country)s took office (%(date)s).")
                % {
                    "country": candidature.country,
                    "date": date_format(chair.term_start) if chair.term_start else "-",
                },
                field="on",
                code="hand_over_too_early",
            )

        def close(obj, chair=chair):
            _set_term(chair, chair.term_start, last_day)

        _move(candidature, "hand_over", actor=actor, prepare=close, data=data)
    for candidature in arriving:

        def open_term(obj):
            end = obj.chair.term_end
            _set_term(obj.chair, on, end if end and end > on else None)

        _move(candidature, "take_office", actor=actor, prepare=open_term, data=data)
    return arriving


@transaction.atomic
def candidature_withdraw(*, actor, candidature: Candidature, reason: str) -> Candidature:
    """The government withdraws; a confirmed one stops being a chair of the edition."""
    reason = require_reason(reason, _("a withdrawal"))
    candidature = _locked(candidature)
    chair = candidature.chair

    def prepare(obj):
        obj.chair = None
        return {"chair": chair.pk if chair else None}

    _move(candidature, "withdraw", actor=actor, reason=reason, prepare=prepare, fields=["chair"])
    if chair is not None:
        chair.delete()
    return candidature


@transaction.atomic
def candidature_decline(*, actor, candidature: Candidature, reason: str) -> Candidature:
    reason = require_reason(reason, _("declining"))
    return _move(_locked(candidature), "decline", actor=actor, reason=reason)
