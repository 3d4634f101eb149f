"""Read-only admin for the activity log and the outgoing notifications."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rules.contrib.admin import ObjectPermissionsModelAdmin

from gfmd.platform.admin.base import ReadOnlyAdminMixin
from gfmd.platform.models import ActivityLog, Notification
from gfmd.platform.services.notifications import notifications_retry


@admin.register(ActivityLog)
class ActivityLogAdmin(ReadOnlyAdminMixin, ObjectPermissionsModelAdmin):
    list_display = [
        "id",
        "created_at",
        "actor_label",
        "actor_kind",
        "action",
        "content_type",
        "object_repr",
    ]
    list_filter = ["actor_kind", "content_type", "action"]
    search_fields = ["action", "actor_label", "object_repr", "object_id"]
    list_select_related = ["content_type"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in ActivityLog._meta.fields]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, ObjectPermissionsModelAdmin):
    list_display = [
        "id",
        "created_at",
        "recipient_email",
        "subject",
        "status",
        "attempts",
        "sent_at",
        "last_error",
    ]
    list_filter = ["status"]
    search_fields = ["recipient_email", "subject", "key"]
    readonly_fields = [f.name for f in Notification._meta.fields]
    actions = ["retry"]

    def has_retry_permission(self, request):
        return request.user.has_perm("gfmd.retry_notification")

    @admin.action(description=_("Retry delivery"), permissions=["retry"])
    def retry(self, request, queryset):
        count = notifications_retry(notifications=list(queryset))
        messages.success(
            request,
            ngettext(
                "%(count)d notification queued again.",
                "%(count)d notifications queued again.",
                count,
            )
            % {"count": count},
        )
