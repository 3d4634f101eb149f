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


def _choose_body(actor, paper, country, organisation):
    if country is not None and organisation is not None:
        raise DomainError(_("An input comes from one government or one organisation, not both."))
    if is_support_staff(actor):
        if country is None and organisation is None:
            raise DomainError(
                _("Staff submitting on behalf of a body must name it."), field="country"
            )
        return country, organisation
    countries, organisations = input_bodies(actor, paper)
    if country is not None:
        if country.pk not in countries:
            raise DomainError(
                _("You may not submit inputs for %(body)s on this paper.") % {"body": country},
                field="country",
            )
        return country, None
    if organisation is not None:
        if organisation.pk not in organisations:
            raise DomainError(
                _("You may not submit inputs for %(body)s on this paper.") % {"body": organisation},
                field="organisation",
            )
        return None, organisation
    if len(countries) + len(organisations) != 1:
        raise DomainError(
            _("Say which government or organisation the input comes from."), field="country"
        )
    if countries:
        from gfmd.models import Country

        return Country.objects.get(pk=countries[0]), None
    from gfmd.models import Organisation

    return None, Organisation.objects.get(pk=organisations[0])


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
    country, organisation = _choose_body(actor, paper, country, organisation)
    item = Input(
        paper=paper,
        consultation_round=paper.consultation_round,
        country=country,
        organisation=organisation,
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
        .select_related("paper__session__roundtable", "country", "organisation", "submitted_by")
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
