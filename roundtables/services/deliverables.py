"""Working group deliverables: documents of the one engine whose subject is a working group.

A deliverable is made by the Support Unit for a group (`document_create(...,
working_group=...)`), drafted and put out for consultation by the group's co-chairs
(governments or mechanisms) through PAPER_TRANSITIONS like every paper, and, once final,
**adopted** by the Steering Group: a `MeetingDecision` of a Steering Group meeting's agenda
item that adopts or endorses it, pointing at the paper (`MeetingDecision.subject`).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from gfmd.enums import APPROVING_OUTCOMES, MeetingBody
from gfmd.models import MeetingDecision
from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.services.activity import log_action
from roundtables.enums import FINAL_STATES
from roundtables.models import WorkingPaper


def adoption_problem(decision: MeetingDecision, paper: WorkingPaper) -> str:
    """Why `decision` cannot stand as the adoption of `paper` ("" when it can)."""
    meeting = decision.agenda_item.meeting
    if meeting.body != MeetingBody.STEERING_GROUP:
        return _("A deliverable is adopted by a decision of a Steering Group meeting.")
    if decision.outcome not in APPROVING_OUTCOMES:
        return _("The decision %(outcome)s the text; it must adopt or endorse it.") % {
            "outcome": decision.get_outcome_display().lower()
        }
    paper_type = ContentType.objects.get_for_model(WorkingPaper)
    if decision.subject_type_id is not None and (
        decision.subject_type_id != paper_type.pk or decision.subject_id != paper.pk
    ):
        return _("This decision is about another matter.")
    return ""


@transaction.atomic
def deliverable_adopt(*, actor, paper: WorkingPaper, decision: MeetingDecision) -> WorkingPaper:
    """Record the Steering Group decision adopting a final deliverable (once)."""
    paper = WorkingPaper.objects.select_for_update(of=("self",)).get(pk=paper.pk)
    if not paper.kind_spec.per_working_group:
        raise DomainError(
            _("Only a working group's deliverable is adopted here."), field="decision"
        )
    if paper.adoption_id is not None:
        raise ConflictError(_("This deliverable is already adopted."), code="already_adopted")
    if paper.state not in FINAL_STATES:
        raise ConflictError(
            _("Make the deliverable final before the Steering Group adopts it."),
            code="not_final",
        )
    decision = (
        MeetingDecision.objects.select_for_update(of=("self",))
        .select_related("agenda_item__meeting")
        .get(pk=decision.pk)
    )
    problem = adoption_problem(decision, paper)
    if problem:
        raise DomainError(problem, field="decision")
    if decision.subject_type_id is None:  # the decision now names what it adopted
        decision.subject = paper
        decision.save(update_fields=["subject_type", "subject_id"])
    paper.adoption = decision
    paper.save(update_fields=["adoption"])
    meeting = decision.agenda_item.meeting
    log_action(
        actor,
        paper,
        "paper.adopt",
        {
            "working_group": paper.working_group_id,
            "decision": decision.pk,
            "meeting": meeting.pk,
            "agenda_item": decision.agenda_item_id,
            "decided_on": decision.decided_on.isoformat(),
            "outcome": decision.outcome,
        },
    )
    return paper
