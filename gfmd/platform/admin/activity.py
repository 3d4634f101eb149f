"""Read-only admin for the activity log and the outgoing notifications."""

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rules.contrib.admin import ObjectPermissionsModelAdmin

from gfmd.platform.admin.base import ReadOnlyAdminMixin
from gfmd.platform.models import ActivityLog, Notification
from gfmd.platform.plain import action_label, describe_entries, own_content_types
from gfmd.platform.services.notifications import notifications_retry


class OwnRecordTypeFilter(admin.SimpleListFilter):
    """Record types of the service's own apps only (not sessions, periodic tasks, OAuth)."""

    title = _("record type")
    parameter_name = "content_type__id__exact"

    def lookups(self, request, model_admin):
        types = [(ct.pk, ct.model_class()) for ct in own_content_types()]
        return sorted(
            ((pk, capfirst(str(m._meta.verbose_name))) for pk, m in types if m is not None),
            key=lambda item: item[1],
        )

    def queryset(self, request, queryset):
        return queryset.filter(content_type_id=self.value()) if self.value() else queryset


class ActionFilter(admin.SimpleListFilter):
    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        codes = ActivityLog.objects.order_by().values_list("action", flat=True).distinct()
        return sorted(((c, action_label(c)) for c in codes), key=lambda item: str(item[1]))

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


class DescribedChangeList(ChangeList):
    """Describes the page's entries in one pass (one query per value renderer)."""

    def get_results(self, request):
        super().get_results(request)
        for entry, description in zip(
            self.result_list, describe_entries(self.result_list), strict=True
        ):
            entry.description = description


@admin.register(ActivityLog)
class ActivityLogAdmin(ReadOnlyAdminMixin, ObjectPermissionsModelAdmin):
    list_display = ["created_at", "actor_label", "action_name", "record_type", "record", "what"]
    list_filter = ["actor_kind", OwnRecordTypeFilter, ActionFilter]
    search_fields = ["action", "actor_label", "object_repr", "object_id"]
    list_select_related = ["content_type"]
    date_hierarchy = "created_at"
    fieldsets = [
        (None, {"fields": ["created_at", "actor_label", "action_name", "record", "what"]}),
        (
            _("Technical details"),
            {
                "classes": ["collapse"],
                "fields": [
                    f.name
                    for f in ActivityLog._meta.fields
                    if f.name not in ("id", "created_at", "actor_label")
                ],
            },
        ),
    ]
    readonly_fields = [
        *(f.name for f in ActivityLog._meta.fields),
        "action_name",
        "record",
        "what",
    ]

    def get_changelist(self, request, **kwargs):
        return DescribedChangeList

    def _description(self, obj):
        if not hasattr(obj, "description"):
            obj.description = describe_entries([obj])[0]
        return obj.description

    @admin.display(description=_("Action"), ordering="action")
    def action_name(self, obj):
        return self._description(obj).action

    @admin.display(description=_("Record type"), ordering="content_type")
    def record_type(self, obj):
        model = obj.content_type.model_class()
        return capfirst(str(model._meta.verbose_name)) if model else obj.content_type.model

    @admin.display(description=_("Record"), ordering="object_repr")
    def record(self, obj):
        url = self._description(obj).object_url
        return format_html('<a href="{}">{}</a>', url, obj.object_repr) if url else obj.object_repr

    @admin.display(description=_("What changed"))
    def what(self, obj):
        return self._description(obj).html() or "-"


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
