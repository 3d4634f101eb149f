"""Webhooks: outbox in the change's transaction, Standard Webhooks signatures, retries,
410 and auto-disable, no redirects, target validation, staff and client access."""

import json
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from gfmd.models import Edition
from gfmd.platform.enums import WebhookDeliveryStatus as Status
from gfmd.platform.errors import DomainError
from gfmd.platform.models import Notification, WebhookDelivery, WebhookEndpoint, WebhookEvent
from gfmd.platform.services.webhook_targets import validate_webhook_url
from gfmd.platform.services.webhooks import new_secret, webhook_deliver, webhook_endpoint_save
from gfmd.services.editions import edition_save
from tests.factories import country
from tests.webhook_receiver import Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _loopback_targets(settings):
    settings.WEBHOOKS_ALLOW_HTTP = True
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    settings.WEBHOOKS_TIMEOUT_SECONDS = 2


def _endpoint(url, staff, types=("edition.changed",)):
    return webhook_endpoint_save(
        actor=staff, endpoint=WebhookEndpoint(url=url, event_types=list(types))
    )


def _new_edition(staff, ordinal=1):
    return edition_save(
        actor=staff,
        edition=Edition(ordinal=ordinal, year_start=2006 + ordinal, title=f"GFMD {ordinal}"),
        chairs=[country("BEL")],
    )


def test_delivery_is_signed_per_standard_webhooks(staff, django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        endpoint = _endpoint(receiver.url, staff)
        with django_capture_on_commit_callbacks(execute=True):
            _new_edition(staff)

        assert len(receiver.requests) == 1
        request = receiver.requests[0]
        headers = {k.lower(): v for k, v in request["headers"].items()}
        payload = Webhook(endpoint.secret).verify(request["body"], headers)  # raises if bad
        assert payload["type"] == "edition.changed"
        assert payload["data"]["chairs"] == ["BEL"] and payload["data"]["created"] is True
        assert headers["webhook-id"].startswith("msg_")
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == Status.DELIVERED and delivery.last_status_code == 200
    attempt = delivery.attempt_log.get()
    assert attempt.status_code == 200 and attempt.latency_ms >= 0


def test_tampered_body_fails_verification(staff, django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        endpoint = _endpoint(receiver.url, staff)
        with django_capture_on_commit_callbacks(execute=True):
            _new_edition(staff)
    request = receiver.requests[0]
    headers = {k.lower(): v for k, v in request["headers"].items()}
    with pytest.raises(Exception, match="(?i)signature"):
        Webhook(endpoint.secret).verify(request["body"].replace(b"BEL", b"FRA"), headers)


def test_rolled_back_change_writes_no_event(staff):
    _endpoint("http://127.0.0.1:9/hook", staff)
    with pytest.raises(RuntimeError), transaction.atomic():
        _new_edition(staff)
        assert WebhookEvent.objects.count() == 1  # inside: written with the change
        raise RuntimeError("roll back")
    assert WebhookEvent.objects.count() == 0 and WebhookDelivery.objects.count() == 0


def test_unsubscribed_or_disabled_endpoints_get_nothing(staff):
    _endpoint("http://127.0.0.1:9/a", staff, types=("input.decided",))
    off = _endpoint("http://127.0.0.1:9/b", staff)
    off.is_active = False
    off.save()
    _new_edition(staff)
    assert WebhookDelivery.objects.count() == 0


def _attempt_again(delivery):
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    webhook_deliver(delivery_id=delivery.pk)
    delivery.refresh_from_db()


def test_failures_retry_on_the_schedule_then_give_up(staff, settings):
    with Receiver(responses=[500]) as receiver:
        _endpoint(receiver.url, staff)
        _new_edition(staff)
        delivery = WebhookDelivery.objects.get()
        before = timezone.now()
        webhook_deliver(delivery_id=delivery.pk)
        delivery.refresh_from_db()
        assert delivery.status == Status.RETRYING and delivery.last_status_code == 500
        wait = (delivery.next_attempt_at - before).total_seconds()
        assert 4 <= wait <= 7  # first retry after ~5 s
        _attempt_again(delivery)
        assert 295 <= (delivery.next_attempt_at - timezone.now()).total_seconds() <= 300
        for _ in range(len(settings.WEBHOOKS_RETRY_SCHEDULE) - 1):
            _attempt_again(delivery)
        assert delivery.status == Status.GAVE_UP and delivery.next_attempt_at is None
        assert delivery.attempts == len(settings.WEBHOOKS_RETRY_SCHEDULE) + 1
        assert len(receiver.requests) == delivery.attempts
        # all attempts carry the same webhook-id, so receivers can de-duplicate
        assert len({r["headers"]["webhook-id"] for r in receiver.requests}) == 1


def test_success_after_failure_clears_failing_state(staff):
    with Receiver(responses=[503, 200]) as receiver:
        endpoint = _endpoint(receiver.url, staff)
        _new_edition(staff)
        delivery = WebhookDelivery.objects.get()
        webhook_deliver(delivery_id=delivery.pk)
        endpoint.refresh_from_db()
        assert endpoint.failing_since is not None
        _attempt_again(delivery)
        endpoint.refresh_from_db()
        assert delivery.status == Status.DELIVERED and endpoint.failing_since is None


def test_gone_disables_endpoint_and_cancels_pending(staff):
    with Receiver(responses=[410]) as receiver:
        endpoint = _endpoint(receiver.url, staff)
        _new_edition(staff, 1)
        _new_edition(staff, 2)
        first, second = WebhookDelivery.objects.order_by("id")
        webhook_deliver(delivery_id=first.pk)
    endpoint.refresh_from_db()
    second.refresh_from_db()
    assert not endpoint.is_active and "410" in endpoint.disabled_reason
    assert second.status == Status.CANCELLED
    assert Notification.objects.filter(subject__startswith="Webhook endpoint disabled").exists()


def test_endpoint_failing_for_days_is_disabled_with_notice(staff, settings):
    with Receiver(responses=[500]) as receiver:
        endpoint = _endpoint(receiver.url, staff)
        _new_edition(staff)
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
            failing_since=timezone.now() - timedelta(days=4)
        )
        webhook_deliver(delivery_id=WebhookDelivery.objects.get().pk)
    endpoint.refresh_from_db()
    assert not endpoint.is_active and endpoint.disabled_reason.startswith("Failing since")
    assert Notification.objects.filter(recipient_email=settings.GFMD_SUPPORT_EMAIL).exists()


def test_redirects_are_not_followed(staff):
    with Receiver(responses=[302]) as receiver:
        _endpoint(receiver.url, staff)
        _new_edition(staff)
        delivery = WebhookDelivery.objects.get()
        webhook_deliver(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == Status.RETRYING and delivery.last_status_code == 302
    assert len(receiver.requests) == 1


def test_timeout_is_recorded_as_failure(staff, settings):
    settings.WEBHOOKS_TIMEOUT_SECONDS = 1
    with Receiver(delay=2.5) as receiver:
        _endpoint(receiver.url, staff)
        _new_edition(staff)
        delivery = WebhookDelivery.objects.get()
        webhook_deliver(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == Status.RETRYING and delivery.last_status_code is None
    assert "Timeout" in delivery.last_error


def test_target_validation(settings):
    settings.WEBHOOKS_ALLOW_HTTP = False
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    with pytest.raises(DomainError, match="https"):
        validate_webhook_url("http://93.184.216.34/hook")
    for private in (
        "https://127.0.0.1/h",
        "https://10.1.2.3/h",
        "https://192.168.0.5/h",
        "https://[::1]/h",
        "https://169.254.169.254/latest",
    ):
        with pytest.raises(DomainError, match="non-public"):
            validate_webhook_url(private)
    with pytest.raises(DomainError, match="credentials"):
        validate_webhook_url("https://user:pw@93.184.216.34/h")
    validate_webhook_url("https://93.184.216.34/hook")  # a public address is accepted


def test_api_endpoint_management_and_access(staff, focal_point, api, settings):
    client = api(staff)
    response = client.post(
        "/api/v1/webhooks/",
        {"url": "http://127.0.0.1:9/x", "event_types": ["edition.changed"]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["secret"].startswith("whsec_")
    bad = client.post(
        "/api/v1/webhooks/", {"url": "http://127.0.0.1:9/x", "event_types": ["nope"]}, format="json"
    )
    assert bad.status_code == 400 and "event_types" in bad.json()["fields"]
    assert api(focal_point).get("/api/v1/webhooks/").status_code == 403
    assert api(focal_point).get(f"/api/v1/webhooks/{body['id']}/").status_code == 404
    assert (
        api(focal_point)
        .post(
            "/api/v1/webhooks/",
            {"url": "http://127.0.0.1:9/x", "event_types": ["*"]},
            format="json",
        )
        .status_code
        == 403
    )
    assert api().get("/api/v1/webhook-deliveries/").status_code == 403


def test_api_redeliver_and_delivery_log(staff, api, django_capture_on_commit_callbacks):
    with Receiver(responses=[500, 200]) as receiver:
        _endpoint(receiver.url, staff)
        with django_capture_on_commit_callbacks(execute=True):
            _new_edition(staff)
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == Status.RETRYING
        client = api(staff)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/api/v1/webhook-deliveries/{delivery.pk}/redeliver/")
        assert response.status_code == 202
    log = client.get("/api/v1/webhook-deliveries/").json()
    assert log["results"][0]["status"] == "delivered"
    assert [a["status_code"] for a in log["results"][0]["attempt_log"]] == [200, 500]
    assert "next" in log and "count" not in log  # cursor pagination


def test_secret_is_masked_in_activity_log(staff):
    from gfmd.platform.models import ActivityLog

    endpoint = webhook_endpoint_save(
        actor=staff,
        endpoint=WebhookEndpoint(
            url="http://127.0.0.1:9/x", event_types=["*"], secret=new_secret()
        ),
    )
    entry = ActivityLog.objects.get(object_id=str(endpoint.pk), action="webhookendpoint.create")
    assert entry.data["changes"]["secret"] == "***"
    assert endpoint.secret not in json.dumps(entry.data)
