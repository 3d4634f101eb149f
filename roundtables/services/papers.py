"""Working paper workflow: one function per transition, each reading PAPER_TRANSITIONS."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.services.activity import log_action
from gfmd.platform.services.records import record_save
from gfmd.platform.services.transitions import Webhook, require_reason, transition_run
from roundtables.enums import (
    FINAL_STATES,
    PAPER_KINDS,
    PAPER_TRANSITIONS,
    ROUNDTABLE_PAPER,
    TAKEN_IN,
)
from roundtables.models import WorkingPaper
from roundtables.notifications import notify_user, when
from roundtables.selectors.audience import (
    focal_point_users,
    paper_audience,
    paper_mechanism_ids,
)
from roundtables.services.chatham import chatham_house_guard
from roundtables.services.translations import consultation_translation_gate
from roundtables.services.versions import version_release_latest


def _lock(paper: WorkingPaper) -> WorkingPaper:
    return (
        WorkingPaper.objects.select_for_update(of=("self",))
        .select_related("edition", "session__roundtable__edition")
        .get(pk=paper.pk)
    )


def _state_changed(paper: WorkingPaper, previous: str, transition) -> dict:
    return {
        "id": paper.pk,
        "kind": paper.kind,
        "session": paper.session_id,
        "session_code": paper.session.code if paper.session_id else None,
        "edition": paper.edition_id,
        "transition": transition.name,
        "from": previous,
        "to": paper.state,
        "consultation_round": paper.consultation_round,
        "consultation_deadline": (
            paper.consultation_deadline.isoformat() if paper.consultation_deadline else None
        ),
    }


# Partner clients receive `paper.state_changed` only if their body may see the paper in
# its new state (the API's rule), so a draft's changes never reach a Friend's endpoint.
STATE_CHANGED = Webhook("paper.state_changed", _state_changed, "roundtables.view_workingpaper")


def _run(paper: WorkingPaper, name: str, *, actor, **kwargs) -> WorkingPaper:
    return transition_run(
        paper,
        name,
        actor=actor,
        action=f"paper.{name}",
        lock=False,
        webhook=STATE_CHANGED,
        **kwargs,
    )


def _notify_audience(paper, event: str, build) -> int:
    """Mail the consulted bodies' focal points (whom the paper's kind consults), each in
    their language (`build` -> subject, body)."""
    countries, organisations = paper_audience(paper)
    mechanisms = paper_mechanism_ids(paper)
    sent = 0
    for user in focal_point_users(countries, organisations, mechanism_ids=mechanisms):
        sent += bool(notify_user(user, key=f"rt-paper:{paper.pk}:{event}:{user.pk}", build=build))
    return sent


def _consultation_message(paper, deadline) -> tuple[str, str]:
    values = {"title": paper.title, "deadline": when(deadline)}
    if paper.session_id is not None:
        subject = _("Consultation open: %(session)s working paper") % {
            "session": paper.session.code
        }
        body = _('The working paper "%(title)s" is open for inputs until %(deadline)s.') % values
    else:
        subject = _("Consultation open: %(document)s") % {"document": paper.document_name()}
        body = _('"%(title)s" is open for inputs until %(deadline)s.') % values
    return subject, body + "\n" + _("Submit inputs with the evidence they rest on.")


def _final_message(paper, number: int, count: int) -> tuple[str, str]:
    values = {"title": paper.title, "number": number, "count": count}
    if paper.session_id is not None:
        return (
            _("Final working paper: %(session)s") % {"session": paper.session.code},
            _(
                'The working paper "%(title)s" is final (version %(number)d); it took in '
                "%(count)d input(s)."
            )
            % values,
        )
    return (
        _("Final: %(document)s") % {"document": paper.document_name()},
        _('"%(title)s" is final (version %(number)d); it took in %(count)d input(s).') % values,
    )


@transaction.atomic
def document_create(
    *, actor, edition, kind: str, title: str, session=None, working_group=None
) -> WorkingPaper:
    """Staff create one of the Chair's documents or outcome documents of an edition, or a
    working group's deliverable (naming the group); a rapporteur report names its `session`
    (a roundtable working paper is made with its session, `session_create`)."""
    spec = PAPER_KINDS.get(kind)
    if spec is None:
        raise DomainError(_("Choose a document kind."), field="kind")
    if kind == ROUNDTABLE_PAPER:
        raise DomainError(
            _("A roundtable working paper is created with its session."), field="kind"
        )
    if spec.per_working_group != (working_group is not None):
        raise DomainError(
            _("A working group deliverable names its working group; other documents do not."),
            field="working_group",
        )
    if spec.per_session and session is None:
        raise DomainError(_("Choose the session this document reports on."), field="session")
    if not spec.per_session and session is not None:
        raise DomainError(
            _("Only a working paper or rapporteur report has a session."), field="session"
        )
    if session is not None and session.roundtable.edition_id != edition.pk:
        raise DomainError(_("The paper's edition is its session's edition."), field="session")
    if session is not None and WorkingPaper.objects.filter(session=session, kind=kind).exists():
        raise ConflictError(
            _("%(session)s already has a %(kind)s.")
            % {"session": session.code, "kind": str(spec.label).lower()},
            code="document_exists",
        )
    if not (title or "").strip():
        raise DomainError(_("A document needs a title."), field="title")
    if spec.one_per_edition and WorkingPaper.objects.filter(edition=edition, kind=kind).exists():
        raise ConflictError(
            _("%(edition)s already has a %(kind)s.")
            % {"edition": edition, "kind": str(spec.label).lower()},
            code="document_exists",
        )
    return record_save(
        actor=actor,
        instance=WorkingPaper(
            edition=edition,
            kind=kind,
            session=session,
            title=title.strip(),
            working_group=working_group,
        ),
    )


@transaction.atomic
def paper_start_drafting(*, actor, paper: WorkingPaper, reason: str = "") -> WorkingPaper:
    return _run(_lock(paper), "start_drafting", actor=actor, reason=reason)


@transaction.atomic
def paper_open_consultation(
    *, actor, paper: WorkingPaper, deadline: datetime | None, reason: str = ""
) -> WorkingPaper:
    def prepare(paper):
        if deadline is None:
            raise DomainError(_("Give the consultation deadline."), field="deadline")
        if deadline <= timezone.now():
            raise DomainError(
                _("The consultation deadline must lie in the future."), field="deadline"
            )
        if not paper.versions.exists():
            raise ConflictError(
                _("Add a draft version before opening consultation."), code="no_version"
            )
        required_languages = consultation_translation_gate(paper)
        paper.consultation_deadline = deadline
        paper.consultation_round += 1
        # The version put out for consultation: the drafts before it stay with the drafters.
        released = version_release_latest(paper)
        return {
            "deadline": deadline.isoformat(),
            "round": paper.consultation_round,
            "released_version": released.number,
            **({"required_languages": required_languages} if required_languages else {}),
        }

    return _run(
        _lock(paper),
        "open_consultation",
        actor=actor,
        reason=reason,
        prepare=prepare,
        fields=["consultation_deadline", "consultation_round"],
        notify=lambda paper: _notify_audience(
            paper,
            f"consultation-{paper.consultation_round}",
            lambda: _consultation_message(paper, deadline),
        ),
    )


@transaction.atomic
def paper_return_to_drafting(*, actor, paper: WorkingPaper, reason: str = "") -> WorkingPaper:
    return _run(_lock(paper), "return_to_drafting", actor=actor, reason=reason)


@transaction.atomic
def paper_finalise(*, actor, paper: WorkingPaper, version=None, reason: str = "") -> WorkingPaper:
    """Make the paper final: no undecided input may remain. The final version (the latest
    unless given) records the inputs it took in (included or partly included)."""
    chosen = {"version": version, "taken_in": []}

    def prepare(paper):
        undecided = list(
            paper.inputs.filter(decision="").order_by("id").values_list("id", flat=True)
        )
        if undecided:
            raise ConflictError(
                _(
                    "%(count)d input(s) have no decision yet (%(ids)s); decide every input "
                    "before the paper becomes final."
                )
                % {"count": len(undecided), "ids": ", ".join(f"#{i}" for i in undecided)},
                code="undecided_inputs",
            )
        latest = paper.versions.order_by("-number").first()
        if latest is None:
            raise ConflictError(_("A final paper needs a version."), code="no_version")
        final = chosen["version"] or latest
        if final.paper_id != paper.pk:
            raise DomainError(_("The final version must belong to this paper."), field="version")
        taken_in = list(paper.inputs.filter(decision__in=TAKEN_IN).order_by("id"))
        final.included_inputs.set(taken_in)
        paper.final_version = final
        chosen.update(version=final, taken_in=taken_in)
        return {"final_version": final.number, "included_inputs": [i.pk for i in taken_in]}

    return _run(
        _lock(paper),
        "finalise",
        actor=actor,
        reason=reason,
        prepare=prepare,
        fields=["final_version"],
        notify=lambda paper: _notify_audience(
            paper,
            "final",
            lambda: _final_message(paper, chosen["version"].number, len(chosen["taken_in"])),
        ),
    )


@transaction.atomic
def paper_distribute(
    *,
    actor,
    paper: WorkingPaper,
    reason: str = "",
    override_chatham_house: bool = False,
    override_reason: str = "",
) -> WorkingPaper:
    def prepare(paper):
        return chatham_house_guard(
            actor=actor,
            paper=paper,
            override=override_chatham_house,
            override_reason=override_reason,
        )

    return _run(_lock(paper), "distribute", actor=actor, reason=reason, prepare=prepare)


@transaction.atomic
def paper_withdraw(*, actor, paper: WorkingPaper, reason: str) -> WorkingPaper:
    paper = _lock(paper)

    def prepare(paper):
        require_reason(reason, pgettext("reason for", "withdrawing the paper"))

    return _run(paper, "withdraw", actor=actor, reason=(reason or "").strip(), prepare=prepare)


@transaction.atomic
def paper_set_public(
    *,
    actor,
    paper: WorkingPaper,
    public: bool,
    override_chatham_house: bool = False,
    override_reason: str = "",
) -> WorkingPaper:
    """Staff publish a final or distributed paper (public access), or take it back. An
    outcome document passes the Chatham House guard first."""
    paper = _lock(paper)
    if public and paper.state not in FINAL_STATES:
        raise ConflictError(
            _("Only a final or distributed paper can be published; this one is %(state)s.")
            % {"state": paper.get_state_display().lower()},
            code="invalid_transition",
        )
    if paper.is_public == public:
        return paper
    extra = {}
    if public:
        extra = chatham_house_guard(
            actor=actor,
            paper=paper,
            override=override_chatham_house,
            override_reason=override_reason,
        )
    paper.is_public = public
    paper.published_at = timezone.now() if public else None
    paper.save(update_fields=["is_public", "published_at"])
    log_action(
        actor,
        paper,
        "paper.publish" if public else "paper.unpublish",
        {"from": not public, "to": public, **extra},
    )
    return paper


# The services behind PAPER_TRANSITIONS, for the admin and the API to dispatch by name.
PAPER_SERVICES = {
    "start_drafting": paper_start_drafting,
    "open_consultation": paper_open_consultation,
    "return_to_drafting": paper_return_to_drafting,
    "finalise": paper_finalise,
    "distribute": paper_distribute,
    "withdraw": paper_withdraw,
}
assert set(PAPER_SERVICES) == set(PAPER_TRANSITIONS)


def paper_transition(*, actor, paper: WorkingPaper, name: str, **kwargs) -> WorkingPaper:
    service = PAPER_SERVICES[PAPER_TRANSITIONS.named(name).name]
    return service(actor=actor, paper=paper, **kwargs)
