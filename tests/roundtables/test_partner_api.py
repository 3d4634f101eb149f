"""Partner-API features on roundtables: webhook events (in the change's transaction, only
to clients that may see the object), If-Match on papers, Idempotency-Key on inputs,
OAuth2 scopes with real client-credentials tokens, cursor pages of inputs."""

import base64
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.test import Client
from rest_framework.test import APIClient
from standardwebhooks.webhooks import Webhook

from gfmd.platform.models import IdempotencyKey, WebhookDelivery, WebhookEndpoint, WebhookEvent
from gfmd.platform.services.webhooks import webhook_endpoint_save
from gfmd.services.clients import partner_client_register
from roundtables.enums import Decision, PaperState
from roundtables.models import CoChair, Input
from roundtables.services.cochairs import cochair_confirm
from roundtables.services.inputs import input_decide
from roundtables.services.papers import paper_start_drafting
from tests.factories import country
from tests.roundtables.factories import (
    PDF_BYTES,
    SessionFactory,
    add_input,
    add_text_version,
    set_state,
    upload,
)
from tests.webhook_receiver import Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _loopback_targets(settings):
    settings.WEBHOOKS_ALLOW_HTTP = True
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    settings.WEBHOOKS_TIMEOUT_SECONDS = 2


def _endpoint(staff, url, types, client=None):
    return webhook_endpoint_save(
        actor=staff, endpoint=WebhookEndpoint(url=url, event_types=list(types), client=client)
    )


def _verified(receiver, endpoint, index=0) -> dict:
    request = receiver.requests[index]
    headers = {k.lower(): v for k, v in request["headers"].items()}
    return Webhook(endpoint.secret).verify(request["body"], headers)  # raises if bad


def _events(event_type):
    return [e.payload["data"] for e in WebhookEvent.objects.filter(event_type=event_type)]


# --- webhook events -------------------------------------------------------------------------


def test_cochair_confirmed_is_delivered_signed(world, api, django_capture_on_commit_callbacks):
    staff = world.users["staff"]
    session = SessionFactory(roundtable=world.session.roundtable, number=2)
    proposal = CoChair.objects.create(session=session, country=country("ITA"), origin="nominated")
    with Receiver() as receiver:
        endpoint = _endpoint(staff, receiver.url, ["cochair.confirmed"])
        with django_capture_on_commit_callbacks(execute=True):
            response = api(staff).post(f"/api/v1/cochairs/{proposal.pk}/confirm/", {})
        assert response.status_code == 200
        assert len(receiver.requests) == 1
        payload = _verified(receiver, endpoint)
    assert payload["type"] == "cochair.confirmed"
    data = payload["data"]
    assert (data["id"], data["session_code"], data["country"]) == (proposal.pk, "RT 1.2", "ITA")
    assert data["seat"] == "developed" and data["confirmed_at"]


def test_replace_emits_cochair_confirmed_for_the_replacement(world, api):
    staff = world.users["staff"]
    _endpoint(staff, "http://127.0.0.1:9/hook", ["cochair.confirmed"])
    holder = CoChair.objects.get(session=world.session, country__iso3="DEU")
    replacement = CoChair.objects.create(
        session=world.session, country=country("NLD"), origin="nominated"
    )
    response = api(staff).post(
        f"/api/v1/cochairs/{holder.pk}/replace/",
        {"replacement": replacement.pk, "reason": "Elections"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert [d["id"] for d in _events("cochair.confirmed")] == [replacement.pk]


def test_paper_state_changed_is_delivered_signed_with_from_and_to(
    world, api, django_capture_on_commit_callbacks
):
    staff = world.users["staff"]
    with Receiver() as receiver:
        endpoint = _endpoint(staff, receiver.url, ["paper.state_changed"])
        with django_capture_on_commit_callbacks(execute=True):
            response = api(staff).post(f"/api/v1/papers/{world.paper.pk}/start-drafting/", {})
        assert response.status_code == 200
        payload = _verified(receiver, endpoint)
    assert payload["type"] == "paper.state_changed"
    data = payload["data"]
    assert (data["id"], data["from"], data["to"]) == (world.paper.pk, "planned", "drafting")
    assert data["transition"] == "start_drafting" and data["session_code"] == "RT 1.1"


def test_every_paper_transition_emits_state_changed(world, api):
    staff = world.users["staff"]
    _endpoint(staff, "http://127.0.0.1:9/hook", ["paper.state_changed"])
    client = api(staff)
    url = f"/api/v1/papers/{world.paper.pk}"
    add_text_version(world.paper)
    steps = [
        ("start-drafting", {}),
        ("open-consultation", {"deadline": "2099-01-01T12:00:00Z"}),
        ("return-to-drafting", {}),
        ("open-consultation", {"deadline": "2099-02-01T12:00:00Z"}),
        ("finalise", {}),
        ("distribute", {}),
    ]
    for step, body in steps:
        assert client.post(f"{url}/{step}/", body, format="json").status_code == 200, step
    other = SessionFactory(roundtable=world.session.roundtable, number=3).paper
    assert (
        client.post(f"/api/v1/papers/{other.pk}/withdraw/", {"reason": "Merged"}).status_code == 200
    )
    changes = sorted(
        (e.created_at, e.payload["data"]["from"], e.payload["data"]["to"])
        for e in WebhookEvent.objects.filter(event_type="paper.state_changed")
    )
    assert [(f, t) for _, f, t in changes] == [
        ("planned", "drafting"),
        ("drafting", "consultation"),
        ("consultation", "drafting"),
        ("drafting", "consultation"),
        ("consultation", "final"),
        ("final", "distributed"),
        ("planned", "withdrawn"),
    ]


def test_version_created_and_input_decided_events(world, api):
    staff = world.users["staff"]
    _endpoint(staff, "http://127.0.0.1:9/hook", ["paper.version_created", "input.decided"])
    client = api(staff)
    response = client.post(
        f"/api/v1/papers/{world.paper.pk}/versions/", {"text": "Draft\n"}, format="json"
    )
    assert response.status_code == 201
    [version] = _events("paper.version_created")
    assert (version["id"], version["paper"], version["number"]) == (
        response.json()["id"],
        world.paper.pk,
        1,
    )
    set_state(world.paper, PaperState.CONSULTATION)
    item = add_input(world.paper, country=country("BRA"))
    decided = client.post(
        f"/api/v1/inputs/{item.pk}/decide/",
        {"decision": "partly_included", "reason": "Partly evidenced"},
        format="json",
    )
    assert decided.status_code == 200
    [event] = _events("input.decided")
    assert (event["id"], event["decision"], event["country"]) == (
        item.pk,
        "partly_included",
        "BRA",
    )


def test_events_are_written_in_the_change_transaction(world):
    staff = world.users["staff"]
    _endpoint(staff, "http://127.0.0.1:9/hook", ["*"])
    set_state(world.paper, PaperState.CONSULTATION)
    item = add_input(world.paper, country=country("BRA"))
    with pytest.raises(RuntimeError), transaction.atomic():
        input_decide(actor=staff, item=item, decision=Decision.INCLUDED, reason="Yes")
        assert WebhookEvent.objects.count() == 1
        raise RuntimeError("roll back")
    assert WebhookEvent.objects.count() == 0 and WebhookDelivery.objects.count() == 0


def _client(staff, iso3, scopes):
    client, secret = partner_client_register(
        actor=staff, name=f"{iso3} portal {scopes}", scopes=list(scopes), country=country(iso3)
    )
    return client, secret


def test_client_gets_paper_events_only_once_its_body_may_see_the_paper(world):
    """Brazil (a Friend of the Forum) may not see a draft: its endpoint gets nothing while
    the paper is drafted, then the opening of consultation. Staff endpoints get both."""
    staff = world.users["staff"]
    brazil, _ = _client(staff, "BRA", ["read"])
    japan, _ = _client(staff, "JPN", ["read"])
    staff_hook = _endpoint(staff, "http://127.0.0.1:9/staff", ["paper.state_changed"])
    brazil_hook = _endpoint(staff, "http://127.0.0.1:9/bra", ["*"], client=brazil)
    japan_hook = _endpoint(staff, "http://127.0.0.1:9/jpn", ["*"], client=japan)

    paper_start_drafting(actor=staff, paper=world.paper)
    assert WebhookDelivery.objects.filter(endpoint=staff_hook).count() == 1
    assert not WebhookDelivery.objects.filter(endpoint=brazil_hook).exists()

    add_text_version(world.paper)
    response = APIClient()
    response.force_authenticate(staff)
    opened = response.post(
        f"/api/v1/papers/{world.paper.pk}/open-consultation/",
        {"deadline": "2099-01-01T12:00:00Z"},
        format="json",
    )
    assert opened.status_code == 200
    brazil_events = [
        d.event.payload["data"]["to"]
        for d in WebhookDelivery.objects.filter(endpoint=brazil_hook).select_related("event")
    ]
    assert brazil_events == ["consultation"]
    assert WebhookDelivery.objects.filter(endpoint=staff_hook).count() == 2
    assert not WebhookDelivery.objects.filter(endpoint=japan_hook).exists()  # no role


def test_client_gets_cochair_events_but_not_others_input_decisions(world):
    staff = world.users["staff"]
    japan, _ = _client(staff, "JPN", ["read"])
    hook = _endpoint(staff, "http://127.0.0.1:9/jpn", ["*"], client=japan)
    session = SessionFactory(roundtable=world.session.roundtable, number=2)
    proposal = CoChair.objects.create(session=session, country=country("ITA"), origin="nominated")
    cochair_confirm(actor=staff, cochair=proposal)  # the programme is public to focal points
    set_state(world.paper, PaperState.CONSULTATION)
    item = add_input(world.paper, country=country("BRA"))
    input_decide(actor=staff, item=item, decision=Decision.INCLUDED, reason="Yes")
    types = [d.event.event_type for d in WebhookDelivery.objects.filter(endpoint=hook)]
    assert types == ["cochair.confirmed"]


# --- If-Match on working papers -----------------------------------------------------------


def test_paper_update_needs_if_match(world, api):
    client = api(world.users["staff"])
    url = f"/api/v1/papers/{world.paper.pk}/"
    missing = client.patch(url, {"title": "A"}, format="json")
    assert missing.status_code == 428 and missing.json()["type"] == "precondition_required"

    etag = client.get(url)["ETag"]
    first = client.patch(url, {"title": "First writer"}, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200 and first["ETag"] != etag
    stale = client.patch(url, {"title": "Second writer"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412 and stale.json()["type"] == "precondition_failed"
    world.refresh()
    assert world.paper.title == "First writer"

    put = client.put(url, {"title": "Put title"}, format="json", HTTP_IF_MATCH=first["ETag"])
    assert put.status_code == 200 and put.json()["title"] == "Put title"


def test_paper_update_outside_reach_is_404_before_428(world, api):
    response = api(world.users["bystander"]).patch(
        f"/api/v1/papers/{world.paper.pk}/", {"title": "x"}, format="json"
    )
    assert response.status_code == 404


# --- Idempotency-Key on input submission ----------------------------------------------------


def _consultation(world):
    return set_state(world.paper, PaperState.CONSULTATION)


def test_input_submission_replays_with_the_same_key(world, api):
    paper = _consultation(world)
    client = api(world.users["friend"])
    url = f"/api/v1/papers/{paper.pk}/inputs/"
    body = {"text": "Add remittance costs", "evidence": "https://example.org/r"}
    first = client.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="key-1")
    again = client.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="key-1")

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert Input.objects.filter(paper=paper).count() == 1

    other = client.post(
        url, {"text": "Something else"}, format="json", HTTP_IDEMPOTENCY_KEY="key-1"
    )
    assert other.status_code == 422 and other.json()["type"] == "idempotency_key_reused"
    assert Input.objects.filter(paper=paper).count() == 1
    fresh = client.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="key-2")
    assert fresh.status_code == 201 and Input.objects.filter(paper=paper).count() == 2


def test_multipart_input_with_attachment_is_created_once(world, api):
    paper = _consultation(world)
    client = api(world.users["friend"])
    url = f"/api/v1/papers/{paper.pk}/inputs/"

    def send():
        return client.post(
            url,
            {"text": "See the annex", "attachment": upload("annex.pdf", PDF_BYTES)},
            format="multipart",
            HTTP_IDEMPOTENCY_KEY="upload-1",
        )

    first, again = send(), send()
    assert first.status_code == again.status_code == 201, first.content
    assert again.json()["id"] == first.json()["id"]
    [item] = Input.objects.filter(paper=paper)
    assert item.attachment_name == "annex.pdf"
    assert IdempotencyKey.objects.filter(key="upload-1").count() == 1
    changed = client.post(
        url,
        {"text": "See the annex", "attachment": upload("annex.pdf", PDF_BYTES + b"%changed\n")},
        format="multipart",
        HTTP_IDEMPOTENCY_KEY="upload-1",
    )
    assert changed.status_code == 422 and Input.objects.filter(paper=paper).count() == 1


def test_failed_submission_does_not_burn_the_key(world, api):
    paper = world.paper  # planned: no consultation yet
    set_state(paper, PaperState.DRAFTING)
    client = api(world.users["chair"])
    url = f"/api/v1/papers/{paper.pk}/inputs/"
    refused = client.post(url, {"text": "Early"}, format="json", HTTP_IDEMPOTENCY_KEY="k")
    assert refused.status_code == 409
    set_state(paper, PaperState.CONSULTATION)
    assert (
        client.post(url, {"text": "Early"}, format="json", HTTP_IDEMPOTENCY_KEY="k").status_code
        == 201
    )


# --- OAuth2 scopes with real tokens --------------------------------------------------------


def _bearer(client, secret):
    basic = base64.b64encode(f"{client.application.client_id}:{secret}".encode()).decode()
    response = Client().post(
        "/oauth/token/",
        urlencode({"grant_type": "client_credentials"}),
        content_type="application/x-www-form-urlencoded",
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )
    assert response.status_code == 200, response.content
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['access_token']}")
    return api


def test_submit_scope_lets_a_government_client_submit_but_not_manage(world):
    paper = _consultation(world)
    api = _bearer(*_client(world.users["staff"], "BRA", ["read", "inputs:submit"]))

    created = api.post(
        f"/api/v1/papers/{paper.pk}/inputs/",
        {"text": "Portability of pensions", "evidence": "ILO 2019"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="portal-42",
    )
    assert created.status_code == 201, created.content
    assert created.json()["country"] == "BRA"

    decide = api.post(
        f"/api/v1/inputs/{created.json()['id']}/decide/",
        {"decision": "included", "reason": "Mine"},
        format="json",
    )
    assert decide.status_code == 403 and "'write' scope" in decide.json()["detail"]
    back = api.post(f"/api/v1/papers/{paper.pk}/return-to-drafting/", {}, format="json")
    assert back.status_code == 403
    edit = api.patch(f"/api/v1/papers/{paper.pk}/", {"title": "x"}, format="json")
    assert edit.status_code == 403
    world.refresh()
    assert world.paper.state == PaperState.CONSULTATION
    assert Input.objects.get().decision == ""


def test_read_scope_alone_cannot_submit(world):
    paper = _consultation(world)
    api = _bearer(*_client(world.users["staff"], "BRA", ["read"]))
    assert api.get(f"/api/v1/papers/{paper.pk}/").status_code == 200
    response = api.post(f"/api/v1/papers/{paper.pk}/inputs/", {"text": "x"}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "This token lacks the 'inputs:submit' scope."
    assert not Input.objects.exists()


def test_write_scope_does_not_lift_the_role_rules(world):
    paper = _consultation(world)
    item = add_input(paper, country=country("BRA"))
    api = _bearer(*_client(world.users["staff"], "BRA", ["read", "write"]))
    decide = api.post(
        f"/api/v1/inputs/{item.pk}/decide/",
        {"decision": "included", "reason": "Mine"},
        format="json",
    )
    assert decide.status_code == 403  # a Friend does not decide inputs


@pytest.mark.parametrize("iso3", ["BRA", "JPN"])
def test_client_cannot_read_another_governments_draft(world, iso3):
    """Brazil (Friend) and Japan (no role) are neither chair, co-chair, team nor Steering
    Group of RT 1.1: its draft, versions and downloads are 404 to their clients."""
    paper = world.paper
    version = add_text_version(paper, "Secret draft\n")
    add_text_version(paper, "Secret draft 2\n")
    set_state(paper, PaperState.DRAFTING)
    api = _bearer(*_client(world.users["staff"], iso3, ["read", "inputs:submit"]))

    assert api.get(f"/api/v1/papers/{paper.pk}/").status_code == 404
    assert api.get(f"/api/v1/papers/{paper.pk}/access/").status_code == 404
    assert api.get(f"/api/v1/papers/{paper.pk}/diff/?from=1&to=2").status_code == 404
    assert api.get(f"/api/v1/paper-versions/{version.pk}/").status_code == 404
    assert api.get(f"/api/v1/paper-versions/{version.pk}/download/").status_code == 404
    assert api.get(f"/api/v1/paper-versions/?paper={paper.pk}").json()["results"] == []
    assert api.get("/api/v1/papers/").json()["results"] == []
    submit = api.post(f"/api/v1/papers/{paper.pk}/inputs/", {"text": "x"}, format="json")
    assert submit.status_code == 404


# --- cursor pages of inputs ---------------------------------------------------------------


def test_inputs_list_is_cursor_paginated_newest_first(world, api):
    paper = _consultation(world)
    items = [add_input(paper, country=country("BRA"), text=f"Input {n}") for n in range(3)]
    client = api(world.users["staff"])

    first = client.get("/api/v1/inputs/?page_size=2").json()
    assert "count" not in first
    assert [i["id"] for i in first["results"]] == [items[2].pk, items[1].pk]
    second = client.get(first["next"]).json()
    assert [i["id"] for i in second["results"]] == [items[0].pk]
    assert second["next"] is None and second["previous"]


# --- themes: writes answer like reads ---------------------------------------------------


def test_theme_create_and_update_reply_with_counts(world, api):
    client = api(world.users["staff"])
    created = client.post("/api/v1/themes/", {"name": "Future of work"}, format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["session_count"], body["edition_count"], body["sessions"]) == (0, 0, [])

    url = f"/api/v1/themes/{world.session.theme_id}/"
    etag = client.get(url)["ETag"]
    patched = client.patch(url, {"is_emerging": True}, format="json", HTTP_IF_MATCH=etag)
    assert patched.status_code == 200, patched.content
    assert patched.json()["session_count"] == 1 and patched.json()["edition_count"] == 1
    put = client.put(url, {"name": "Renamed theme", "description": "d"}, format="json")
    assert put.status_code == 200 and put.json()["sessions"][0]["id"] == world.session.pk
    stale = client.patch(url, {"description": "x"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
