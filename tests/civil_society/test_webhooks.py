"""The partner webhook `csd.selection_confirmed`: written in the confirmation's transaction,
delivered signed to staff endpoints and to partner clients that may read the delegation."""

import json
from datetime import date, timedelta

import pytest
from django.db import transaction
from standardwebhooks.webhooks import Webhook

from civil_society.models import SelectionProposal
from civil_society.services.selection import proposal_confirm, proposal_run
from gfmd.models import FocalPoint
from gfmd.platform.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from gfmd.platform.services.webhooks import webhook_deliver, webhook_endpoint_save
from gfmd.services.clients import partner_client_register
from tests.civil_society.factories import CSOFactory, candidate
from tests.webhook_receiver import Receiver

pytestmark = pytest.mark.django_db

EVENT = "csd.selection_confirmed"


@pytest.fixture(autouse=True)
def _loopback_targets(settings):
    settings.WEBHOOKS_ALLOW_HTTP = True
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    settings.WEBHOOKS_TIMEOUT_SECONDS = 2


@pytest.fixture
def proposal(csd, policy, reviewer, staff):
    """Six scored candidates for 3 places and a waitlist of 2: 3 / 2 / 1."""
    for score in (9, 8, 7, 6, 5, 4):
        candidate(csd, score=score, reviewers=[reviewer])
    return proposal_run(actor=staff, csd_edition=csd)


def _client(staff, name, organisation):
    client, _ = partner_client_register(
        actor=staff, name=name, scopes=["read"], organisation=organisation
    )
    return client


def _endpoint(staff, url, *, client=None, types=(EVENT,)):
    return webhook_endpoint_save(
        actor=staff, endpoint=WebhookEndpoint(url=url, event_types=list(types), client=client)
    )


def _deliver_all():
    for delivery in WebhookDelivery.objects.order_by("id"):
        webhook_deliver(delivery_id=delivery.pk)


def test_confirmation_is_delivered_signed_with_the_counts(csd, proposal, staff, api):
    with Receiver() as receiver:
        endpoint = _endpoint(staff, receiver.url)
        response = api(staff).post(f"/api/v1/csd/proposals/{proposal.pk}/confirm/")
        assert response.status_code == 200, response.content
        _deliver_all()

    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    headers = {k.lower(): v for k, v in request["headers"].items()}
    payload = Webhook(endpoint.secret).verify(request["body"], headers)  # raises if bad
    assert payload["type"] == EVENT
    data = payload["data"]
    assert data["csd_edition"] == csd.pk and data["proposal"] == proposal.pk
    assert data["edition"] == csd.edition_id and data["places"] == 3
    assert (data["selected"], data["waitlisted"], data["declined"]) == (3, 2, 1)
    assert data["skipped"] == 0 and data["confirmed_at"]
    assert WebhookDelivery.objects.get().status == "delivered"


def test_partner_clients_get_it_only_if_they_may_read_the_delegation(csd, proposal, staff):
    reader = _client(staff, "Registration platform", CSOFactory().organisation)
    former = _client(staff, "Former partner", CSOFactory().organisation)
    # the former partner's service account is no longer a focal point: no delegation
    FocalPoint.objects.filter(user=former.service_user).update(
        start_date=date.today() - timedelta(days=30), end_date=date.today() - timedelta(days=1)
    )
    with Receiver() as receiver:
        _endpoint(staff, receiver.url + "?reader", client=reader)
        _endpoint(staff, receiver.url + "?former", client=former)
        _endpoint(staff, receiver.url + "?other", types=("edition.changed",))
        proposal_confirm(actor=staff, proposal=proposal)
        _deliver_all()

    assert [r["path"] for r in receiver.requests] == ["/hook?reader"]
    assert json.loads(receiver.requests[0]["body"])["data"]["selected"] == 3


def test_event_is_written_in_the_confirmation_transaction(proposal, staff):
    _endpoint(staff, "http://127.0.0.1:9/hook")
    with pytest.raises(RuntimeError), transaction.atomic():
        proposal_confirm(actor=staff, proposal=proposal)
        assert WebhookEvent.objects.filter(event_type=EVENT).count() == 1
        assert WebhookDelivery.objects.count() == 1
        raise RuntimeError("roll back")
    assert WebhookEvent.objects.count() == 0 and WebhookDelivery.objects.count() == 0
    assert SelectionProposal.objects.get(pk=proposal.pk).status == "draft"


def test_refused_confirmation_emits_nothing(proposal, staff, api):
    _endpoint(staff, "http://127.0.0.1:9/hook")
    proposal_confirm(actor=staff, proposal=proposal)
    again = api(staff).post(f"/api/v1/csd/proposals/{proposal.pk}/confirm/")

    assert again.status_code == 409
    assert WebhookEvent.objects.filter(event_type=EVENT).count() == 1
