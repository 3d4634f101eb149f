"""Webhook endpoints and their delivery log: staff see, redeliver, disable and enable."""

from django.contrib import admin, messages
from rules.contrib.admin import ObjectPermissionsModelAdmin, ObjectPermissionsTabularInline

from gfmd.admin.base import AuditedAdmin, ReadOnlyAdminMixin
from gfmd.errors import DomainError
from gfmd.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from gfmd.services.webhooks import (
    webhook_endpoint_disable,
    webhook_endpoint_enable,
    webhook_endpoint_save,
    webhook_redeliver,
    webhook_send_test,
)


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(AuditedAdmin):
    list_display = ["url", "client", "event_types", "is_active", "failing_since", "disabled_reason"]
    list_filter = ["is_active"]
    search_fields = ["url", "description", "client__name"]
    list_select_related = ["client"]
    readonly_fields = ["secret", "disabled_reason", "disabled_at", "failing_since"]
    autocomplete_fields = ["client"]
    actions = ["send_test", "enable", "disable"]

    def save_model(self, request, obj, form, change):
        try:
            webhook_endpoint_save(actor=request.user, endpoint=obj)
        except DomainError as exc:
            messages.error(request, exc.detail)

    @admin.action(description="Send a test event", permissions=["change"])
    def send_test(self, request, queryset):
        for endpoint in queryset:
            webhook_send_test(actor=request.user, endpoint=endpoint)
        messages.success(request, "Test event(s) queued.")

    @admin.action(description="Enable", permissions=["change"])
    def enable(self, request, queryset):
        for endpoint in queryset:
            webhook_endpoint_enable(actor=request.user, endpoint=endpoint)

    @admin.action(description="Disable", permissions=["change"])
    def disable(self, request, queryset):
        for endpoint in queryset:
            webhook_endpoint_disable(
                actor=request.user,
                endpoint=endpoint,
                reason=f"Disabled by {request.user.get_username()}.",
            )


class WebhookAttemptInline(ObjectPermissionsTabularInline):
    model = WebhookAttempt
    extra = 0
    readonly_fields = ["attempted_at", "status_code", "latency_ms", "error", "response_excerpt"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdminMixin, ObjectPermissionsModelAdmin):
    list_display = [
        "id",
        "event_type",
        "endpoint",
        "status",
        "attempts",
        "last_status_code",
        "next_attempt_at",
        "delivered_at",
    ]
    list_filter = ["status", "event__event_type"]
    search_fields = ["endpoint__url"]
    list_select_related = ["event", "endpoint"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
    inlines = [WebhookAttemptInline]
    actions = ["redeliver"]

    @admin.display(description="Event", ordering="event__event_type")
    def event_type(self, obj):
        return obj.event.event_type

    def has_redeliver_permission(self, request):
        return request.user.has_perm("gfmd.redeliver_webhookdelivery")

    @admin.action(description="Redeliver now", permissions=["redeliver"])
    def redeliver(self, request, queryset):
        for delivery in queryset.select_related("endpoint"):
            try:
                webhook_redeliver(actor=request.user, delivery=delivery)
            except DomainError as exc:
                messages.error(request, f"#{delivery.pk}: {exc.detail}")
