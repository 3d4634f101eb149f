"""The transition engine: the guard, all-or-nothing writes, one activity shape, side effects
after commit only, and every workflow's state change going through it."""

import ast
from pathlib import Path

import pytest
import rules
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.db import transaction

from civil_society.enums import DelegateStatus
from civil_society.services.applications import application_withdraw
from civil_society.services.selection import proposal_confirm, proposal_run
from civil_society.services.waitlist import delegate_release
from gfmd.platform.admin.base import activity_table
from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.models import ActivityLog, Notification
from gfmd.platform.services.activity import log_action, state_change, verify_chain
from gfmd.platform.services.notifications import notify
from gfmd.platform.services.transitions import transition_run
from gfmd.platform.transitions import TABLES, allowed_transitions
from roundtables.enums import Decision, PaperState, TeamState
from roundtables.models import Input, WorkingPaper
from roundtables.services.cochairs import cochair_confirm
from roundtables.services.inputs import input_decide
from roundtables.services.papers import paper_start_drafting
from roundtables.services.teams import team_accept
from tests.civil_society.factories import (
    CommitteeMemberFactory,
    CSDEditionFactory,
    PolicyFactory,
    candidate,
)
from tests.factories import country
from tests.roundtables.factories import CoChairFactory, SessionFactory, team_member

pytestmark = pytest.mark.django_db

# Every workflow with states declares its table (the engine refuses models without one).
WORKFLOWS = {
    "roundtables.cochair",
    "roundtables.teammembership",
    "roundtables.workingpaper",
    "roundtables.input",
    "civil_society.application",
    "civil_society.delegate",
    "civil_society.selectionproposal",
}


@pytest.fixture
def paper(db):
    return SessionFactory().paper


def _mail_on_drafting(paper):
    notify(key=f"test:{paper.pk}", email="fp@example.org", subject="Drafting", body="Started.")


def test_transition_writes_one_activity_shape_and_keeps_the_chain(paper, staff):
    transition_run(
        paper, "start_drafting", actor=staff, reason="Kick-off", data={"note": "first draft"}
    )

    paper.refresh_from_db()
    entry = ActivityLog.objects.get(action="workingpaper.start_drafting")
    assert paper.state == PaperState.DRAFTING and paper.state_changed_at is not None
    assert entry.data == {
        "from": "planned",
        "to": "drafting",
        "reason": "Kick-off",
        "note": "first draft",
    }
    assert verify_chain().ok


def test_transition_guard_refusal_writes_nothing(paper, staff):
    called = []

    with pytest.raises(ConflictError) as refused:
        transition_run(paper, "distribute", actor=staff, prepare=called.append)

    assert refused.value.code == "invalid_transition"
    assert "Cannot distribute" in refused.value.detail and "planned" in refused.value.detail
    assert called == []  # the service's own step never ran
    assert not ActivityLog.objects.exists()
    assert WorkingPaper.objects.get(pk=paper.pk).state == PaperState.PLANNED


def test_transition_unknown_name_is_a_domain_error(paper, staff):
    with pytest.raises(DomainError) as refused:
        transition_run(paper, "publish", actor=staff)
    assert refused.value.code == "unknown_transition"


def test_transition_refused_by_the_service_leaves_nothing_half_written(paper, staff):
    def prepare(obj):
        obj.title = "Changed"
        obj.save(update_fields=["title"])
        log_action(staff, obj, "test.half_way", {})
        _mail_on_drafting(obj)
        raise DomainError("Refused half way.")

    with pytest.raises(DomainError):
        transition_run(paper, "start_drafting", actor=staff, prepare=prepare)

    paper = WorkingPaper.objects.get(pk=paper.pk)
    assert (paper.state, paper.title) == (PaperState.PLANNED, f"Working paper {paper.session.code}")
    assert not ActivityLog.objects.exists()
    assert not Notification.objects.exists()


def test_transition_side_effects_run_after_commit_only(
    paper, staff, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        transition_run(paper, "start_drafting", actor=staff, notify=_mail_on_drafting)
        raise RuntimeError("the caller's transaction fails after the transition")
    assert callbacks == [] and mail.outbox == []
    assert not Notification.objects.exists() and not ActivityLog.objects.exists()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        transition_run(paper, "start_drafting", actor=staff, notify=_mail_on_drafting)
    # the notification, and the search index's refresh of the paper (docs/search.md)
    assert callbacks and [m.subject for m in mail.outbox] == ["Drafting"]


def test_allowed_transitions_read_the_table_and_the_user(paper, staff, outsider):
    assert [t.name for t in allowed_transitions(paper)] == ["start_drafting", "withdraw"]
    assert [t.name for t in allowed_transitions(paper, staff)] == ["start_drafting", "withdraw"]
    assert allowed_transitions(paper, outsider) == []  # no right to move this paper


@pytest.mark.parametrize("label", sorted(WORKFLOWS))
def test_every_transition_table_matches_its_model(label):
    table = TABLES[label]
    model = apps.get_model(label)
    field = model._meta.get_field(table.field)
    states = {value for value, _ in field.choices} | ({""} if field.blank else set())
    assert table, label
    for name, step in table.items():
        assert step.name == name and str(step.label)
        assert set(step.sources) <= states and step.target in states, name
        assert not step.perm or rules.perm_exists(step.perm), step.perm


def _state_writes(path: Path, fields: set[str]) -> list[str]:
    """Assignments to a state field (`x.state = ...`, `setattr(x, "state", ...)`) and
    queryset `.update(state=...)` calls in one module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        targets = []
        if isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            for item in target.elts if isinstance(target, ast.Tuple) else [target]:
                if isinstance(item, ast.Attribute) and item.attr in fields:
                    found.append(f"{path}:{node.lineno}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            keywords = {k.arg for k in node.keywords}
            if name == "update" and keywords & fields:
                found.append(f"{path}:{node.lineno}")
            constant = node.args[1] if name == "setattr" and len(node.args) > 1 else None
            if isinstance(constant, ast.Constant) and constant.value in fields:
                found.append(f"{path}:{node.lineno}")
    return found


def test_no_state_is_changed_outside_the_engine():
    fields = {TABLES[label].field for label in WORKFLOWS}
    root = Path(settings.BASE_DIR)
    writes = [
        hit
        for app in ("roundtables", "civil_society", "gfmd")
        for path in sorted((root / app).rglob("*.py"))
        if "migrations" not in path.parts and path.name != "transitions.py"
        for hit in _state_writes(path, fields)
        # The delivery worker's and the mail queue's own statuses are not workflows.
        if path.name not in ("webhooks.py", "notifications.py") or path.parent.name != "services"
    ]
    assert writes == []


def test_api_offers_what_the_table_allows(paper, staff, api):
    body = api(staff).get(f"/api/v1/papers/{paper.pk}/").json()
    assert body["transitions"] == [t.name for t in allowed_transitions(paper)]


def test_every_workflow_writes_the_one_activity_shape(staff):
    """Run each workflow's services once; every state change on a table's model is an
    engine entry ({"from", "to", "reason", ...}), none the older {"changes": ...}."""
    session = SessionFactory()
    paper_start_drafting(actor=staff, paper=session.paper)
    cochair_confirm(actor=staff, cochair=CoChairFactory(session=session), reason="")
    team_accept(actor=staff, membership=team_member(session, "FRA", TeamState.REQUESTED))
    item = Input.objects.create(
        paper=session.paper, consultation_round=1, country=country("KEN"), text="Add data"
    )
    input_decide(actor=staff, item=item, decision=Decision.INCLUDED, reason="Sound evidence")

    csd = CSDEditionFactory()
    PolicyFactory(csd_edition=csd, places=1, waitlist_size=1)
    reviewer = CommitteeMemberFactory(csd_edition=csd)
    first, second = (candidate(csd, score=s, reviewers=[reviewer]) for s in (9, 8))
    leaving = candidate(csd, score=7, reviewers=[reviewer])
    application_withdraw(actor=staff, application=leaving.application, reason="No funds")
    proposal_run(actor=staff, csd_edition=csd)  # a draft, superseded by the next run
    proposal_confirm(actor=staff, proposal=proposal_run(actor=staff, csd_edition=csd))
    delegate_release(actor=staff, delegate=first, reason="Cannot travel")
    second.refresh_from_db()
    assert second.status == DelegateStatus.SELECTED  # promoted from the waitlist

    seen = set()
    for entry in ActivityLog.objects.select_related("content_type"):
        label = f"{entry.content_type.app_label}.{entry.content_type.model}"
        table = TABLES.get(label)
        if table is None:
            continue
        assert table.field not in entry.data.get("changes", {}), entry.action
        if "to" not in entry.data:  # a creation or an edit, not a state change
            continue
        assert {"from", "reason"} <= set(entry.data), entry.action
        assert entry.data["to"] in {t.target for t in table.values()} | {"proposed", "requested"}
        seen.add(label)
    assert seen == WORKFLOWS
    assert verify_chain().ok


def test_readers_take_state_changes_in_both_shapes(paper, staff):
    """Entries written before the engine keep their {"changes": {"status": ...}} shape (the
    hash chain forbids rewriting them); the admin reads both as the same change."""
    log_action(staff, paper, "legacy.set_status", {"changes": {"status": ["planned", "drafting"]}})
    transition_run(paper, "start_drafting", actor=staff)

    entries = ActivityLog.objects.order_by("id")
    assert [state_change(e.data) for e in entries] == [("planned", "drafting")] * 2
    assert state_change({"changes": {"title": ["a", "b"]}}) is None
    # both shapes read alike in the change page's activity table (gfmd/platform/plain.py)
    assert activity_table(paper).count("State: from Planned to Drafting") == 2
