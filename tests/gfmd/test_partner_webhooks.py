"""Webhooks as a partner client manages them (docs/api.md): its own lists, and a signing
secret shown once (at creation and at rotation), masked on every later read."""

import base64
from urllib.parse import urlencode

import pytest
from django.test import Client
from rest_framework.test import APIClient

from gfmd.platform.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from gfmd.platform.services.webhooks import webhook_endpoint_save
from gfmd.services.clients import partner_client_register
from tests.factories import country

pytestmark = pytest.mark.django_db
HOOK = {"url": "http://127.0.0.1:9/hook", "event_types": ["input.decided"]}


@pytest.fixture(autouse=True)
def _loopback_targets(settings):
    settings.WEBHOOKS_ALLOW_HTTP = True
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True


def _partner(staff, iso3="DEU", scopes=("read", "webhooks:manage")):
    client, secret = partner_client_register(
        actor=staff, name=f"Portal {iso3}", scopes=list(scopes), country=country(iso3)
    )
    basic = base64.b64encode(f"{client.application.client_id}:{secret}".encode()).decode()
    token = Client().post(
        "/oauth/token/",
        urlencode({"grant_type": "client_credentials"}),
        content_type="application/x-www-form-urlencoded",
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token.json()['access_token']}")
    return client, api


def _delivery(endpoint):
    event = WebhookEvent.objects.create(event_type="webhook.test", payload={})
    return WebhookDelivery.objects.create(event=event, endpoint=endpoint)


def test_partner_lists_its_own_endpoints_and_deliveries_only(staff):
    _, api = _partner(staff)
    other, _ = _partner(staff, "FRA")
    created = api.post("/api/v1/webhooks/", HOOK, format="json")
    assert created.status_code == 201, created.json()
    mine = WebhookEndpoint.objects.get(pk=created.json()["id"])
    theirs = webhook_endpoint_save(actor=staff, endpoint=WebhookEndpoint(client=other, **HOOK))
    staffs = webhook_endpoint_save(actor=staff, endpoint=WebhookEndpoint(**HOOK))
    own_delivery = _delivery(mine)
    _delivery(theirs), _delivery(staffs)

    endpoints = api.get("/api/v1/webhooks/")
    assert endpoints.status_code == 200, endpoints.json()
    assert [e["id"] for e in endpoints.json()["results"]] == [mine.pk]
    deliveries = api.get(f"/api/v1/webhook-deliveries/?endpoint={mine.pk}")
    assert deliveries.status_code == 200, deliveries.json()
    assert [d["id"] for d in deliveries.json()["results"]] == [own_delivery.pk]
    assert [d["id"] for d in api.get("/api/v1/webhook-deliveries/").json()["results"]] == [
        own_delivery.pk
    ]
    assert api.get(f"/api/v1/webhooks/{theirs.pk}/").status_code == 404


def test_lists_still_need_the_webhooks_scope(staff):
    _, api = _partner(staff, scopes=("read",))
    assert api.get("/api/v1/webhooks/").status_code == 403
    assert api.get("/api/v1/webhook-deliveries/").status_code == 403


def test_secret_shown_at_creation_and_rotation_masked_after(staff):
    _, api = _partner(staff)
    created = api.post("/api/v1/webhooks/", HOOK, format="json").json()
    endpoint = WebhookEndpoint.objects.get(pk=created["id"])
    assert created["secret"] == endpoint.secret and endpoint.secret.startswith("whsec_")

    masked = f"whsec_...{endpoint.secret[-4:]}"
    assert api.get(f"/api/v1/webhooks/{endpoint.pk}/").json()["secret"] == masked
    assert api.get("/api/v1/webhooks/").json()["results"][0]["secret"] == masked
    patched = api.patch(f"/api/v1/webhooks/{endpoint.pk}/", {"description": "x"}, format="json")
    assert patched.json()["secret"] == masked
    disabled = api.post(f"/api/v1/webhooks/{endpoint.pk}/disable/").json()
    assert disabled["secret"] == masked

    rotated = api.post(f"/api/v1/webhooks/{endpoint.pk}/rotate-secret/")
    assert rotated.status_code == 200
    endpoint.refresh_from_db()
    assert rotated.json()["secret"] == endpoint.secret != created["secret"]
    assert (
        api.get(f"/api/v1/webhooks/{endpoint.pk}/").json()["secret"].endswith(endpoint.secret[-4:])
    )
    assert endpoint.secret not in api.get(f"/api/v1/webhooks/{endpoint.pk}/").content.decode()


def test_rotation_of_another_clients_endpoint_is_404(staff):
    _, api = _partner(staff)
    other, _ = _partner(staff, "FRA")
    theirs = webhook_endpoint_save(actor=staff, endpoint=WebhookEndpoint(client=other, **HOOK))
    before = theirs.secret
    assert api.post(f"/api/v1/webhooks/{theirs.pk}/rotate-secret/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.secret == before


def test_admin_shows_secret_once_and_masks_it_after(client, staff):
    client.force_login(staff)
    response = client.post(
        "/admin/gfmd/webhookendpoint/add/",
        {"url": HOOK["url"], "event_types": ["*"], "description": "", "is_active": "on"},
        follow=True,
    )
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret in response.content.decode()
    page = client.get(f"/admin/gfmd/webhookendpoint/{endpoint.pk}/change/").content.decode()
    assert endpoint.secret not in page and f"whsec_...{endpoint.secret[-4:]}" in page
    old = endpoint.secret
    rotated = client.post(
        "/admin/gfmd/webhookendpoint/",
        {"action": "rotate_secret", "_selected_action": [endpoint.pk]},
        follow=True,
    )
    endpoint.refresh_from_db()
    assert endpoint.secret != old and endpoint.secret in rotated.content.decode()
