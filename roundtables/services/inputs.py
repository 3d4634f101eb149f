"""Consultation inputs and the decisions on them."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.roles import is_support_staff
from gfmd.platform.services.activity import log_action
from gfmd.platform.services.transitions import Webhook, transition_run
from roundtables.enums import INPUT_DECISIONS_CLOSED, Decision, PaperState
from roundtables.models import Input, WorkingPaper
from roundtables.notifications import notify_user
from roundtables.rules import input_bodies, is_paper_open_for_inputs
from roundtables.services.files import check_upload


def _choose_body(actor, paper, country, organisation, mechanism):
    """The one body the input comes from: (country, organisation, mechanism), one set."""
    named = [body for body in (country, organisation, mechanism) if body is not None]
    if len(named) > 1:
        raise DomainError(
            _("An input comes from one government, one organisation or one mechanism, not more.")
        )
    if is_support_staff(actor):
        if not named:
            raise DomainError(
                _("Staff submitting on behalf of a body must name it."), field="country"
            )
        return country, organisation, mechanism
    allowed = input_bodies(actor, paper)  # (country ids, organisation ids, mechanism ids)
    for position, (body, field) in enumerate(
        ((country, "country"), (organisation, "organisation"), (mechanism, "mechanism"))
    ):
        if body is None:
            continue
        if body.pk not in allowed[position]:
            raise DomainError(
                _("You may not submit inputs for %(body)s on this paper.") % {"body": body},
                field=field,
            )
        chosen = [None, None, None]
        chosen[position] = body
        return tuple(chosen)
    if sum(len(ids) for ids in allowed) != 1:
        raise DomainError(
            _("Say which government, organisation or mechanism the input comes from."),
            field="country",
        )
    from gfmd.models import Country, Mechanism, Organisation

    countries, organisations, mechanisms = allowed
    if countries:
        return Country.objects.get(pk=countries[0]), None, None
    if organisations:
        return None, Organisation.objects.get(pk=organisations[0]), None
    return None, None, Mechanism.objects.get(pk=mechanisms[0])


@transaction.atomic
def input_submit(
    *,
    actor,
    paper: WorkingPaper,
    text: str,
    evidence: str = "",
    upload=None,
    country=None,
    organisation=None,
    mechanism=None,
) -> Input:
    paper = WorkingPaper.objects.select_related("session__roundtable").get(pk=paper.pk)
    if not is_paper_open_for_inputs(paper):
        if paper.state == PaperState.CONSULTATION:
            raise ConflictError(_("The consultation deadline has passed."), code="deadline_passed")
        raise ConflictError(
            _("The paper is %(state)s; inputs are taken only during consultation.")
            % {"state": paper.get_state_display().lower()},
            code="consultation_closed",
        )
    if not (text or "").strip():
        raise DomainError(_("An input needs text."), field="text")
    country, organisation, mechanism = _choose_body(actor, paper, country, organisation, mechanism)
    item = Input(
        paper=paper,
        consultation_round=paper.consultation_round,
        country=country,
        organisation=organisation,
        mechanism=mechanism,
        submitted_by=actor if getattr(actor, "is_authenticated", False) else None,
        text=text,
        evidence=evidence or "",
    )
    stored = None
    if upload is not None:
        checked = check_upload(upload, field="attachment")
        item.attachment_name = checked.name
        item.attachment_content_type = checked.content_type
        item.attachment_size = checked.size
        item.attachment_checksum = checked.checksum
        item.attachment.save(checked.name, ContentFile(checked.content), save=False)
        stored = (item.attachment.storage, item.attachment.name)
    try:
        item.save(force_insert=True)
    except Exception:
        if stored:
            stored[0].delete(stored[1])
        raise
    log_action(
        actor,
        item,
        "input.submit",
        {
            "paper": paper.pk,
            "round": item.consultation_round,
            "body": str(item.body),
            "attachment_checksum": item.attachment_checksum,
        },
    )
    return item


@transaction.atomic
def input_decide(*, actor, item: Input, decision: str, reason: str) -> Input:
    """Record (or revise, until the paper is final) the decision on an input, with a reason."""
    item = (
        Input.objects.select_for_update(of=("self",))
        .select_related(
            "paper__session__roundtable", "country", "organisation", "mechanism", "submitted_by"
        )
        .get(pk=item.pk)
    )
    if item.paper.state in INPUT_DECISIONS_CLOSED:
        raise ConflictError(
            _("The paper is %(state)s; its input decisions are closed.")
            % {"state": item.paper.get_state_display().lower()},
            code="paper_closed",
        )
    if decision not in Decision.values:
        raise DomainError(_("Choose included, partly included or not included."), field="decision")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for the decision."), field="reason")

    def prepare(item):
        item.decision_reason = reason
        item.decided_by = actor if getattr(actor, "is_authenticated", False) else None
        item.decided_at = timezone.now()

    transition_run(
        item,
        decision,
        actor=actor,
        action="input.decide",
        reason=reason,
        lock=False,
        prepare=prepare,
        fields=["decision_reason", "decided_by", "decided_at"],
        webhook=INPUT_DECIDED,
        notify=_notify_submitter,
    )
    return item


def _decided(item: Input, previous: str, transition) -> dict:
    return {
        "id": item.pk,
        "paper": item.paper_id,
        "consultation_round": item.consultation_round,
        "country": item.country.iso3 if item.country_id else None,
        "organisation": item.organisation_id,
        "from": previous or None,
        "decision": item.decision,
        "reason": item.decision_reason,
        "decided_at": item.decided_at.isoformat(),
    }


INPUT_DECIDED = Webhook("input.decided", _decided, "roundtables.view_input")


def _notify_submitter(item: Input) -> None:
    submitter = item.submitted_by
    if submitter is not None and submitter.email:
        notify_user(
            submitter,
            key=f"rt-input:{item.pk}:{item.decision}:{submitter.pk}",
            build=lambda: (
                _("Decision on your input: %(session)s") % {"session": item.paper.code},
                _('Your input to "%(title)s" was: %(decision)s.')
                % {"title": item.paper.title, "decision": item.get_decision_display()}
                + "\n"
                + _("Reason: %(reason)s") % {"reason": item.decision_reason},
            ),
        )
