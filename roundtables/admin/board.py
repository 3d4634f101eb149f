"""Admin screens beyond changelists: the roundtable board per edition and the input review.

Both are thin: they read through selectors and write through the same services as the
API, checking the same permission names.
"""

from datetime import datetime, time, timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from gfmd.models import Edition
from gfmd.platform.admin.base import safe_next
from gfmd.platform.errors import DomainError
from gfmd.platform.transitions import allowed_transitions
from roundtables.enums import (
    COCHAIR_TRANSITIONS,
    INPUT_DECISIONS_CLOSED,
    PAPER_TRANSITIONS,
    SEAT_WORDS,
    CoChairState,
    Seat,
)
from roundtables.models import CoChair, WorkingPaper
from roundtables.rules import forget_reach
from roundtables.selectors.papers import inputs_for_user
from roundtables.selectors.programme import (
    confirmed_cochairs,
    editions_with_roundtables,
    seat_overview,
)
from roundtables.services import cochairs as cochair_services
from roundtables.services.inputs import input_decide
from roundtables.services.papers import paper_transition

COCHAIR_ACTIONS = {
    "confirm": ("roundtables.confirm_cochair", cochair_services.cochair_confirm),
    "decline": ("roundtables.decline_cochair", cochair_services.cochair_decline),
    "withdraw": ("roundtables.withdraw_cochair", cochair_services.cochair_withdraw),
}


def _require(request, perm, obj=None):
    forget_reach(request.user)
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _session_rows(overview, user):
    rows = []
    for session in overview.sessions:
        confirmed = confirmed_cochairs(session)
        paper = getattr(session, "paper", None)
        rows.append(
            {
                "session": session,
                "seats": [(seat_label, confirmed.get(seat)) for seat, seat_label in Seat.choices],
                # (proposal, the country's development status in the active language)
                "proposals": [
                    (c, SEAT_WORDS.get(c.country.development_status, c.country.development_status))
                    for c in session.cochairs.all()
                    if c.state == CoChairState.PROPOSED
                ],
                "paper": paper,
                # The table the services and the API read decides which buttons show.
                "transitions": allowed_transitions(paper, user) if paper else [],
            }
        )
    return rows


def board_view(model_admin, request, edition_id=None):
    _require(request, "roundtables.view_seat_overview")
    editions = list(editions_with_roundtables())
    if edition_id is None:
        if not editions:
            messages.info(request, _("No edition has roundtables yet."))
            return HttpResponseRedirect(reverse("admin:roundtables_roundtable_changelist"))
        return HttpResponseRedirect(reverse("admin:roundtables_board", args=[editions[0].pk]))
    edition = get_object_or_404(Edition, pk=edition_id)
    overview = seat_overview(edition)
    context = {
        **admin.site.each_context(request),
        "title": _("Roundtable board: %(edition)s") % {"edition": edition},
        "opts": model_admin.model._meta,
        "edition": edition,
        "editions": editions,
        "overview": overview,
        "rows": _session_rows(overview, request.user),
        "default_deadline": (timezone.localdate() + timedelta(weeks=4)).isoformat(),
    }
    return TemplateResponse(request, "admin/roundtables/board.html", context)


def board_cochair_action(model_admin, request, edition_id, cochair_id, name):
    if request.method != "POST" or name not in COCHAIR_ACTIONS:
        raise PermissionDenied
    cochair = get_object_or_404(
        CoChair.objects.select_related("session__roundtable__edition"), pk=cochair_id
    )
    perm, service = COCHAIR_ACTIONS[name]
    _require(request, perm, cochair)
    try:
        service(actor=request.user, cochair=cochair, reason=request.POST.get("reason", ""))
    except DomainError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(
            request,
            _("%(country)s: %(action)s done for %(session)s.")
            % {
                "country": cochair.country,
                "action": str(COCHAIR_TRANSITIONS[name].label).lower(),
                "session": cochair.session.code,
            },
        )
    return HttpResponseRedirect(reverse("admin:roundtables_board", args=[edition_id]))


def _deadline(raw: str):
    if not raw:
        return None
    value = parse_datetime(raw) if "T" in raw else None
    if value is None:
        try:
            value = datetime.combine(datetime.strptime(raw, "%Y-%m-%d").date(), time(23, 59))
        except ValueError:
            return None
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def paper_action(model_admin, request, paper_id, name):
    """POST a paper transition from the board or the review screen."""
    if request.method != "POST" or name not in PAPER_TRANSITIONS:
        raise PermissionDenied
    paper = get_object_or_404(
        WorkingPaper.objects.select_related("session__roundtable__edition"), pk=paper_id
    )
    _require(request, "roundtables.transition_paper", paper)
    extra = {"reason": request.POST.get("reason", "")}
    if name == "open_consultation":
        extra["deadline"] = _deadline(request.POST.get("deadline", ""))
    if name == "distribute":  # staff may override the Chatham House guard, with a reason
        extra["override_chatham_house"] = bool(request.POST.get("override_chatham_house"))
        extra["override_reason"] = request.POST.get("override_reason", "")
    try:
        paper_transition(actor=request.user, paper=paper, name=name, **extra)
    except DomainError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(
            request,
            _("%(session)s: %(action)s done.")
            % {"session": paper.code, "action": PAPER_TRANSITIONS[name].label},
        )
    board = reverse("admin:roundtables_board", args=[paper.edition_id])
    return HttpResponseRedirect(safe_next(request, board))


def review_view(model_admin, request, paper_id):
    """The input review screen: every input of a paper, with its decision form."""
    paper = get_object_or_404(
        WorkingPaper.objects.select_related("session__roundtable__edition", "final_version"),
        pk=paper_id,
    )
    _require(request, "roundtables.transition_paper", paper)
    if request.method == "POST":
        item = get_object_or_404(inputs_for_user(request.user), pk=request.POST.get("input"))
        _require(request, "roundtables.decide_input", item)
        try:
            input_decide(
                actor=request.user,
                item=item,
                decision=request.POST.get("decision", ""),
                reason=request.POST.get("reason", ""),
            )
        except DomainError as exc:
            messages.error(
                request, _("Input #%(id)d: %(error)s") % {"id": item.pk, "error": exc.detail}
            )
        else:
            messages.success(request, _("Decision recorded on input #%(id)d.") % {"id": item.pk})
        return HttpResponseRedirect(request.path)
    inputs = list(inputs_for_user(request.user).filter(paper=paper))
    # Decision controls only where the engine would accept them: the paper still open and
    # the user allowed the input's transitions (the one table, INPUT_TRANSITIONS).
    open_for_decisions = bool(inputs) and paper.state not in INPUT_DECISIONS_CLOSED
    decisions = (
        [(t.name, t.label) for t in allowed_transitions(inputs[0], request.user)]
        if open_for_decisions
        else []
    )
    context = {
        **admin.site.each_context(request),
        "title": _("Review inputs: %(title)s") % {"title": paper.title},
        "opts": model_admin.model._meta,
        "paper": paper,
        "inputs": inputs,
        "undecided": sum(1 for i in inputs if not i.decision),
        "decisions": decisions,
        "can_finalise": any(t.name == "finalise" for t in allowed_transitions(paper, request.user)),
    }
    return TemplateResponse(request, "admin/roundtables/review.html", context)
