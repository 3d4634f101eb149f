"""Webhook subscriptions over the API: partner clients manage their own, staff see all."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gfmd.platform.api.pagination import NewestFirst
from gfmd.platform.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from gfmd.platform.selectors import webhook_deliveries_for_user, webhook_endpoints_for_user
from gfmd.platform.services.webhooks import (
    mask_secret,
    webhook_endpoint_disable,
    webhook_endpoint_enable,
    webhook_endpoint_rotate_secret,
    webhook_endpoint_save,
    webhook_redeliver,
    webhook_send_test,
)

MANAGE = "webhooks:manage"


class SigningSecretField(serializers.CharField):
    """The signing secret in full only where the view reveals it (the create and
    rotate-secret responses); masked on every other read."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return value if self.context.get("reveal_secret") else mask_secret(value)


class WebhookEndpointSerializer(serializers.ModelSerializer):
    secret = SigningSecretField(
        help_text=_(
            "The whsec_ signing secret: in full in the create and rotate-secret responses "
            "only (keep it then), masked on every other read."
        )
    )
    event_types = serializers.ListField(
        child=serializers.ChoiceField(choices=["*", *settings.GFMD_WEBHOOK_EVENT_TYPES]),
        allow_empty=False,
    )

    class Meta:
        model = WebhookEndpoint
        fields = [
            "id",
            "url",
            "description",
            "event_types",
            "secret",
            "is_active",
            "disabled_reason",
            "disabled_at",
            "failing_since",
            "created_at",
        ]
        read_only_fields = [
            "secret",
            "is_active",
            "disabled_reason",
            "disabled_at",
            "failing_since",
            "created_at",
        ]


class WebhookAttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookAttempt
        fields = ["attempted_at", "status_code", "latency_ms", "error"]


class WebhookDeliverySerializer(serializers.ModelSerializer):
    event_id = serializers.CharField(source="event.msg_id")
    event_type = serializers.CharField(source="event.event_type")
    attempt_log = WebhookAttemptSerializer(many=True)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "endpoint",
            "event_id",
            "event_type",
            "status",
            "attempts",
            "next_attempt_at",
            "last_status_code",
            "last_error",
            "delivered_at",
            "attempt_log",
        ]


class WebhookEndpointViewSet(viewsets.ModelViewSet):
    queryset = WebhookEndpoint.objects.all()
    serializer_class = WebhookEndpointSerializer
    required_scopes = {
        a: MANAGE
        for a in (
            "list",
            "retrieve",
            "create",
            "update",
            "partial_update",
            "destroy",
            "test",
            "enable",
            "disable",
            "rotate_secret",
        )
    }
    permission_map = {
        "rotate_secret": "gfmd.change_webhookendpoint",
        "test": "gfmd.change_webhookendpoint",
        "enable": "gfmd.change_webhookendpoint",
        "disable": "gfmd.change_webhookendpoint",
    }
    filterset_fields = ["is_active"]

    def get_queryset(self):
        return webhook_endpoints_for_user(self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "reveal_secret": self.action == "create"}

    def _save(self, serializer, endpoint):
        for name, value in serializer.validated_data.items():
            setattr(endpoint, name, value)
        serializer.instance = webhook_endpoint_save(actor=self.request.user, endpoint=endpoint)

    def perform_create(self, serializer):
        client = getattr(self.request.user, "partner_client", None)
        self._save(serializer, WebhookEndpoint(client=client))

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance)

    def perform_destroy(self, instance):
        from gfmd.platform.services.records import record_delete

        record_delete(actor=self.request.user, instance=instance)

    @extend_schema(request=None, responses={202: dict})
    @action(detail=True, methods=["post"])
    def test(self, request, pk=None):
        """Queue a signed `webhook.test` event to this endpoint."""
        event = webhook_send_test(actor=request.user, endpoint=self.get_object())
        return Response({"event_id": event.msg_id}, status=202)

    @extend_schema(request=None, responses=WebhookEndpointSerializer)
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request, pk=None):
        """A new signing secret, in full in this response only (masked on later reads)."""
        endpoint = self.get_object()
        webhook_endpoint_rotate_secret(actor=request.user, endpoint=endpoint)
        context = {**self.get_serializer_context(), "reveal_secret": True}
        return Response(self.get_serializer(endpoint, context=context).data)

    @extend_schema(request=None, responses=WebhookEndpointSerializer)
    @action(detail=True, methods=["post"])
    def enable(self, request, pk=None):
        endpoint = self.get_object()
        webhook_endpoint_enable(actor=request.user, endpoint=endpoint)
        endpoint.refresh_from_db()
        return Response(WebhookEndpointSerializer(endpoint).data)

    @extend_schema(request=None, responses=WebhookEndpointSerializer)
    @action(detail=True, methods=["post"])
    def disable(self, request, pk=None):
        endpoint = self.get_object()
        webhook_endpoint_disable(
            actor=request.user, endpoint=endpoint, reason=str(request.data.get("reason", ""))
        )
        endpoint.refresh_from_db()
        return Response(WebhookEndpointSerializer(endpoint).data)


class WebhookDeliveryViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The delivery log: attempts, status codes, latency; redeliver on demand."""

    queryset = WebhookDelivery.objects.all()
    serializer_class = WebhookDeliverySerializer
    pagination_class = NewestFirst
    filterset_fields = ["endpoint", "status"]
    required_scopes = {"list": MANAGE, "retrieve": MANAGE, "redeliver": MANAGE}
    permission_map = {"redeliver": "gfmd.redeliver_webhookdelivery"}

    def get_queryset(self):
        return webhook_deliveries_for_user(self.request.user)

    @extend_schema(request=None, responses={202: dict})
    @action(detail=True, methods=["post"])
    def redeliver(self, request, pk=None):
        webhook_redeliver(actor=request.user, delivery=self.get_object())
        return Response({"queued": True}, status=202)
