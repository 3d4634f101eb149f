"""The working paper state machine, versions, inputs, decisions and the final-paper gate."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gfmd.platform.errors import ConflictError
from gfmd.platform.models import ActivityLog
from roundtables.enums import PAPER_TRANSITIONS, Decision, PaperState
from roundtables.services import files
from roundtables.services.inputs import input_decide, input_submit
from roundtables.services.papers import paper_finalise, paper_transition
from tests.factories import country
from tests.roundtables.factories import (
    PDF_BYTES,
    add_input,
    add_text_version,
    docx_bytes,
    odt_bytes,
    set_state,
    upload,
)

pytestmark = pytest.mark.django_db

ALL_PAIRS = [(state, name) for state in PaperState.values for name in PAPER_TRANSITIONS]
ALLOWED = [(s, n) for s, n in ALL_PAIRS if s in PAPER_TRANSITIONS[n].sources]
FORBIDDEN = [(s, n) for s, n in ALL_PAIRS if s not in PAPER_TRANSITIONS[n].sources]
URL_NAMES = {name: name.replace("_", "-") for name in PAPER_TRANSITIONS}


def _payload(name):
    if name == "open_consultation":
        return {"deadline": (timezone.now() + timedelta(days=10)).isoformat()}
    return {"reason": "Agreed at the Steering Group"}


def test_transition_table_covers_every_state():
    assert len(ALLOWED) == 8 and len(FORBIDDEN) == len(ALL_PAIRS) - 8


@pytest.mark.parametrize("state, name", ALLOWED)
def test_paper_allowed_transition_via_api(world, api, state, name):
    paper = set_state(world.paper, state)
    url = f"/api/v1/papers/{paper.pk}/{URL_NAMES[name]}/"

    response = api(world.users["staff"]).post(url, _payload(name), format="json")

    assert response.status_code == 200, response.json()
    target = PAPER_TRANSITIONS[name].target
    assert response.json()["state"] == target
    assert world.refresh().state == target
    entry = ActivityLog.objects.filter(action=f"paper.{name}").order_by("-id").first()
    assert (entry.data["from"], entry.data["to"]) == (state, target)


@pytest.mark.parametrize("state, name", FORBIDDEN)
def test_paper_forbidden_transition_is_409_with_message(world, api, state, name):
    paper = set_state(world.paper, state)
    url = f"/api/v1/papers/{paper.pk}/{URL_NAMES[name]}/"

    response = api(world.users["staff"]).post(url, _payload(name), format="json")

    assert response.status_code == 409, response.json()
    body = response.json()
    assert body["type"] == "invalid_transition"
    assert "Cannot" in body["detail"] and paper.get_state_display().lower() in body["detail"]
    assert world.refresh().state == state


def test_paper_open_consultation_needs_future_deadline_and_a_version(world, staff):
    paper = set_state(world.paper, PaperState.DRAFTING)
    paper.versions.all().delete()
    with pytest.raises(ConflictError, match="draft version"):
        paper_transition(
            actor=staff,
            paper=paper,
            name="open_consultation",
            deadline=timezone.now() + timedelta(days=3),
        )
    add_text_version(paper)
    with pytest.raises(Exception, match="future"):
        paper_transition(
            actor=staff, paper=paper, name="open_consultation", deadline=timezone.now()
        )


def test_paper_withdraw_needs_reason(world, api):
    response = api(world.users["staff"]).post(
        f"/api/v1/papers/{world.paper.pk}/withdraw/", {"reason": ""}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["fields"] == {"reason": ["Give the reason for withdrawing the paper."]}


def test_final_gate_refuses_while_an_input_is_undecided(world, api, staff):
    paper = set_state(world.paper, PaperState.CONSULTATION)
    decided = add_input(paper, country=country("BRA"), decision=Decision.INCLUDED)
    undecided = add_input(paper, country=country("SWE"))

    response = api(staff).post(f"/api/v1/papers/{paper.pk}/finalise/", {}, format="json")

    assert response.status_code == 409
    assert response.json()["type"] == "undecided_inputs"
    assert f"#{undecided.pk}" in response.json()["detail"]
    assert f"#{decided.pk}" not in response.json()["detail"]
    assert world.refresh().state == PaperState.CONSULTATION


def test_final_version_records_the_inputs_taken_in(world, api, staff):
    paper = set_state(world.paper, PaperState.CONSULTATION)
    included = add_input(paper, country=country("BRA"), decision=Decision.INCLUDED)
    partly = add_input(paper, country=country("SWE"), decision=Decision.PARTLY_INCLUDED)
    add_input(paper, organisation=world.organisation, decision=Decision.NOT_INCLUDED)
    add_text_version(paper, "Final text\n")

    response = api(staff).post(f"/api/v1/papers/{paper.pk}/finalise/", {}, format="json")

    assert response.status_code == 200, response.json()
    paper = world.refresh()
    assert paper.state == PaperState.FINAL and paper.final_version.number == 2
    assert list(paper.final_version.included_inputs.order_by("id")) == [included, partly]
    version = api(world.users["friend"]).get(f"/api/v1/paper-versions/{paper.final_version.pk}/")
    assert version.json()["included_inputs"] == [included.pk, partly.pk]


def test_finalise_with_a_chosen_version(world, staff):
    paper = set_state(world.paper, PaperState.CONSULTATION)
    add_text_version(paper, "Second\n")
    paper = paper_finalise(actor=staff, paper=paper, version=paper.versions.get(number=1))
    assert paper.final_version.number == 1


def test_input_decision_needs_reason_and_closes_when_final(world, staff):
    paper = set_state(world.paper, PaperState.CONSULTATION)
    item = add_input(paper, country=country("BRA"))
    with pytest.raises(Exception, match="reason"):
        input_decide(actor=staff, item=item, decision=Decision.INCLUDED, reason="")
    input_decide(actor=staff, item=item, decision=Decision.NOT_INCLUDED, reason="No evidence")
    item.refresh_from_db()
    assert (item.decision, item.decision_reason) == ("not_included", "No evidence")
    set_state(paper, PaperState.FINAL)
    with pytest.raises(ConflictError, match="closed"):
        input_decide(actor=staff, item=item, decision=Decision.INCLUDED, reason="Changed")


def test_input_submission_only_during_open_consultation(world):
    friend = world.users["friend"]
    paper = set_state(world.paper, PaperState.DRAFTING)
    with pytest.raises(ConflictError, match="only during consultation"):
        input_submit(actor=friend, paper=paper, text="Idea")
    paper = set_state(paper, PaperState.CONSULTATION)
    item = input_submit(actor=friend, paper=paper, text="Idea", evidence="https://x.org")
    assert item.country == country("BRA") and item.consultation_round == 1
    paper.consultation_deadline = timezone.now() - timedelta(minutes=1)
    paper.save()
    with pytest.raises(ConflictError, match="deadline has passed"):
        input_submit(actor=friend, paper=paper, text="Late")


def test_input_submit_via_api_with_attachment(world, api):
    paper = set_state(world.paper, PaperState.CONSULTATION)
    client = api(world.users["friend"])

    response = client.post(
        f"/api/v1/papers/{paper.pk}/inputs/",
        {
            "text": "Add the 2019 remittance survey",
            "evidence": "https://example.org/survey",
            "attachment": upload("survey.pdf", PDF_BYTES),
        },
        format="multipart",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["country"] == "BRA" and body["attachment_name"] == "survey.pdf"
    download = client.get(body["attachment_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_observer_may_not_submit_when_session_disallows(world, api):
    paper = set_state(world.paper, PaperState.CONSULTATION)
    world.session.observers_may_submit = False
    world.session.save()
    client = api(world.users["observer"])

    assert client.get(f"/api/v1/papers/{paper.pk}/").status_code == 200  # still reads
    response = client.post(f"/api/v1/papers/{paper.pk}/inputs/", {"text": "x"}, format="json")
    assert response.status_code == 403


@pytest.mark.parametrize(
    "name, content, content_type, text",
    [
        ("draft.pdf", PDF_BYTES, files.PDF, ""),
        (
            "draft.docx",
            docx_bytes("Remittances", "Diaspora bonds"),
            files.DOCX,
            "Remittances\nDiaspora bonds",
        ),
        ("draft.odt", odt_bytes("Skills partnerships"), files.ODT, "Skills partnerships"),
    ],
)
def test_version_upload_accepted_by_content(world, api, name, content, content_type, text):
    import hashlib

    paper = set_state(world.paper, PaperState.DRAFTING)
    paper.versions.all().delete()
    client = api(world.users["cochair"])

    response = client.post(
        f"/api/v1/papers/{paper.pk}/versions/",
        {"file": upload(name, content), "note": "First draft"},
        format="multipart",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["number"], body["kind"], body["content_type"]) == (1, "file", content_type)
    assert body["checksum"] == hashlib.sha256(content).hexdigest()
    assert body["size"] == len(content)
    version = paper.versions.get()
    assert version.text == text
    assert name not in version.file.name and "roundtables/versions/" in version.file.name
    download = client.get(body["download_url"])
    assert b"".join(download.streaming_content) == content
    assert name in download["Content-Disposition"]


@pytest.mark.parametrize(
    "name, content",
    [
        ("fake.pdf", b"MZ\x90\x00 an executable pretending"),
        ("notes.docx", b"PK\x03\x04 not really a zip"),
        ("empty.pdf", b""),
    ],
)
def test_version_upload_refuses_wrong_type(world, api, name, content):
    paper = set_state(world.paper, PaperState.DRAFTING)
    response = api(world.users["staff"]).post(
        f"/api/v1/papers/{paper.pk}/versions/",
        {"file": upload(name, content)},
        format="multipart",
    )
    assert response.status_code == 400
    assert paper.versions.count() == 1


def test_version_upload_refuses_too_large(world, api, monkeypatch):
    monkeypatch.setattr(files, "MAX_UPLOAD_BYTES", 20)
    paper = set_state(world.paper, PaperState.DRAFTING)
    response = api(world.users["staff"]).post(
        f"/api/v1/papers/{paper.pk}/versions/",
        {"file": upload("big.pdf", PDF_BYTES)},
        format="multipart",
    )
    assert response.status_code == 400
    assert "limit" in response.json()["detail"]


def test_versions_are_numbered_immutable_and_closed_when_final(world, api):
    paper = set_state(world.paper, PaperState.DRAFTING)
    client = api(world.users["staff"])
    second = client.post(
        f"/api/v1/papers/{paper.pk}/versions/", {"text": "Line one\nLine two\n"}, format="json"
    )
    assert second.status_code == 201 and second.json()["number"] == 2
    version_url = f"/api/v1/paper-versions/{second.json()['id']}/"
    # No operation edits or deletes a version (refused before any method handling).
    assert client.patch(version_url, {"note": "x"}, format="json").status_code in (403, 405)
    assert client.delete(version_url).status_code in (403, 405)
    assert paper.versions.get(number=2).note == ""

    set_state(paper, PaperState.FINAL)
    closed = client.post(f"/api/v1/papers/{paper.pk}/versions/", {"text": "x"}, format="json")
    assert closed.status_code == 409 and closed.json()["type"] == "paper_closed"


def test_version_diff_between_any_two_versions(world, api):
    paper = world.paper
    add_text_version(paper, "Remittances\nCosts are high\n")
    add_text_version(paper, "Remittances\nCosts fell to 6.5%\nDiaspora bonds\n")
    add_text_version(paper, "Remittances\n")

    response = api(world.users["team"]).get(f"/api/v1/papers/{paper.pk}/diff/?from=1&to=2")

    assert response.status_code == 200
    diff = response.json()["diff"]
    assert "-Costs are high" in diff and "+Costs fell to 6.5%" in diff
    assert "+Diaspora bonds" in diff and diff.startswith("--- version 1")
    back = api(world.users["team"]).get(f"/api/v1/papers/{paper.pk}/diff/?from=3&to=1")
    assert "+Costs are high" in back.json()["diff"]
    missing = api(world.users["team"]).get(f"/api/v1/papers/{paper.pk}/diff/?from=1&to=9")
    assert missing.status_code == 404


def test_paper_publish_only_when_final(world, api):
    client = api(world.users["staff"])
    refused = client.post(f"/api/v1/papers/{world.paper.pk}/publish/")
    assert refused.status_code == 409
    set_state(world.paper, PaperState.DISTRIBUTED)
    assert client.post(f"/api/v1/papers/{world.paper.pk}/publish/").json()["is_public"] is True
