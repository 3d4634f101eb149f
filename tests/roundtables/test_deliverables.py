"""A working group's deliverable through the one document engine, adopted by the
Steering Group: the group is co-chaired by two governments (Canada, Ecuador) and a
mechanism (the Mayors Mechanism of the world, conftest), as the working group on public
narratives was."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from gfmd.enums import DecisionOutcome, MeetingBody
from gfmd.models import AgendaItem, MeetingDecision, WorkingGroupChair
from gfmd.platform.models.activity import ActivityLog
from roundtables.enums import PaperState
from roundtables.models import WorkingPaper
from tests.factories import FocalPointFactory, MeetingFactory, WorkingGroupFactory, country
from tests.roundtables.factories import set_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(world):
    group = WorkingGroupFactory(name="Public narratives on migration", term_from=date(2020, 1, 1))
    WorkingGroupChair.objects.create(working_group=group, country=country("CAN"))
    WorkingGroupChair.objects.create(working_group=group, country=country("ECU"))
    WorkingGroupChair.objects.create(working_group=group, mechanism=world.mechanism)
    return group


def _decision(world, body=MeetingBody.STEERING_GROUP, outcome=DecisionOutcome.ADOPTED):
    meeting = MeetingFactory(edition=world.edition, body=body, start_date=date(2020, 6, 1))
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="Public narratives")
    return MeetingDecision.objects.create(
        agenda_item=item,
        text="The Steering Group adopts the narrative guidance.",
        decided_on=date(2020, 6, 1),
        outcome=outcome,
    )


def test_deliverable_drafted_by_its_cochairs_and_adopted_by_the_steering_group(world, api, group):
    staff = api(world.users["staff"])
    canada = api(FocalPointFactory(country=country("CAN")).user)
    ecuador = api(FocalPointFactory(country=country("ECU")).user)
    mayors = api(world.users["mechanism"])

    created = staff.post(
        "/api/v1/papers/",
        {
            "kind": "working_group_deliverable",
            "edition": world.edition.pk,
            "title": "Guidance on public narratives",
            "working_group": group.pk,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    paper_id = created.json()["id"]
    assert created.json()["working_group"] == group.pk and created.json()["adoption"] is None

    # the group's co-chairs draft it: the mechanism co-chair as much as the governments
    access = mayors.get(f"/api/v1/papers/{paper_id}/access/").json()
    assert [g["role"] for g in access["grants"]] == ["working_group"] and access["can_manage"]
    assert mayors.post(f"/api/v1/papers/{paper_id}/start-drafting/", {}).status_code == 200
    version = mayors.post(
        f"/api/v1/papers/{paper_id}/versions/", {"text": "Draft guidance"}, format="json"
    )
    assert version.status_code == 201
    # outside the group, a draft is not seen
    assert api(world.users["bystander"]).get(f"/api/v1/papers/{paper_id}/").status_code == 404
    deadline = (timezone.now() + timedelta(days=7)).isoformat()
    opened = canada.post(
        f"/api/v1/papers/{paper_id}/open-consultation/", {"deadline": deadline}, format="json"
    )
    assert opened.status_code == 200, opened.json()
    # a co-chair government submits an input; a co-chair decides it; then final
    submitted = ecuador.post(
        f"/api/v1/papers/{paper_id}/inputs/", {"text": "Add the cities' campaigns"}, format="json"
    )
    assert submitted.status_code == 201 and submitted.json()["country"] == "ECU"
    decided = mayors.post(
        f"/api/v1/inputs/{submitted.json()['id']}/decide/",
        {"decision": "included", "reason": "Agreed in the group"},
        format="json",
    )
    assert decided.status_code == 200
    early = _decision(world)
    assert (
        staff.post(
            f"/api/v1/papers/{paper_id}/adopt/", {"decision": early.pk}, format="json"
        ).status_code
        == 409
    )  # not final yet
    assert canada.post(f"/api/v1/papers/{paper_id}/finalise/", {}).status_code == 200

    # adoption: only the Support Unit files it, only a Steering Group adoption stands
    friends = _decision(world, body=MeetingBody.FRIENDS_OF_THE_FORUM)
    refused = staff.post(
        f"/api/v1/papers/{paper_id}/adopt/", {"decision": friends.pk}, format="json"
    )
    assert refused.status_code == 400 and "decision" in refused.json()["fields"]
    noted = _decision(world, outcome=DecisionOutcome.NOTED)
    assert (
        staff.post(
            f"/api/v1/papers/{paper_id}/adopt/", {"decision": noted.pk}, format="json"
        ).status_code
        == 400
    )
    assert (
        mayors.post(
            f"/api/v1/papers/{paper_id}/adopt/", {"decision": early.pk}, format="json"
        ).status_code
        == 403
    )
    adopted = staff.post(f"/api/v1/papers/{paper_id}/adopt/", {"decision": early.pk}, format="json")
    assert adopted.status_code == 200, adopted.json()
    assert adopted.json()["adoption"] == early.pk and adopted.json()["state"] == PaperState.FINAL

    paper = WorkingPaper.objects.get(pk=paper_id)
    early.refresh_from_db()
    assert early.subject == paper  # the decision names what it adopted
    entry = ActivityLog.objects.get(action="paper.adopt", object_id=str(paper_id))
    assert entry.data["decision"] == early.pk and entry.data["working_group"] == group.pk
    again = staff.post(f"/api/v1/papers/{paper_id}/adopt/", {"decision": early.pk}, format="json")
    assert again.status_code == 409


def test_database_keeps_deliverables_with_their_group_and_adoption_final(world, group):
    paper = WorkingPaper.objects.create(
        edition=world.edition, kind="working_group_deliverable", title="T", working_group=group
    )
    with pytest.raises(IntegrityError, match="paper_adopted_only_when_final"), transaction.atomic():
        WorkingPaper.objects.filter(pk=paper.pk).update(adoption=_decision(world))
    with pytest.raises(IntegrityError, match="paper_working_group_per_kind"), transaction.atomic():
        WorkingPaper.objects.filter(pk=paper.pk).update(working_group=None)
    with pytest.raises(IntegrityError, match="paper_working_group_per_kind"), transaction.atomic():
        WorkingPaper.objects.create(
            edition=world.edition, kind="work_plan", title="Plan", working_group=group
        )


def test_database_takes_only_a_steering_group_adoption(world, group):
    paper = WorkingPaper.objects.create(
        edition=world.edition, kind="working_group_deliverable", title="T", working_group=group
    )
    set_state(paper, PaperState.FINAL)
    for decision in (
        _decision(world, body=MeetingBody.FRIENDS_OF_THE_FORUM),
        _decision(world, outcome=DecisionOutcome.NOTED),
    ):
        with pytest.raises(IntegrityError, match="Steering Group decision"), transaction.atomic():
            WorkingPaper.objects.filter(pk=paper.pk).update(adoption=decision)
    WorkingPaper.objects.filter(pk=paper.pk).update(adoption=_decision(world))  # stands
