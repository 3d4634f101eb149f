"""Admin base classes: every save goes through the same services as the API."""

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from rules.contrib.admin import ObjectPermissionsModelAdmin, ObjectPermissionsTabularInline

from gfmd.platform.errors import DomainError
from gfmd.platform.models import ActivityLog
from gfmd.platform.plain import describe_entries
from gfmd.platform.services.records import record_delete, record_save


def safe_next(request, fallback: str) -> str:
    """The `next` target a form posted, if it stays on this site; else `fallback`.
    (`//host/x` and `https://host/x` start like paths or look harmless but leave the site.)"""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def activity_table(obj, limit: int = 15) -> str:
    """The object's latest activity entries, for a read-only field on the change page."""
    if obj is None or obj.pk is None:
        return "-"
    ct = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    entries = ActivityLog.objects.filter(content_type=ct, object_id=str(obj.pk)).order_by("-id")
    rows = list(entries[:limit])
    if not rows:
        return _("No activity recorded yet.")
    url = (
        reverse("admin:gfmd_activitylog_changelist")
        + f"?content_type__id__exact={ct.pk}&object_id={obj.pk}"
    )
    table = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                date_format(localtime(e.created_at), "SHORT_DATETIME_FORMAT"),
                e.actor_label,
                described.action,
                described.html() or "-",
            )
            for e, described in zip(rows, describe_entries(rows), strict=True)
        ),
    )
    return format_html(
        '<div class="gfmd-scroll"><table>'
        "<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>{}</table></div>"
        '<p><a href="{}">{}</a></p>',
        _("When"),
        _("Who"),
        _("Action"),
        _("What changed"),
        table,
        url,
        _("Full activity log"),
    )


class AuditedAdmin(ObjectPermissionsModelAdmin):
    """Saves and deletes through record_save / record_delete (validation + audit)."""

    # JSON fields edited through a form field ({name: factory}; gfmd/platform/admin/widgets.py)
    json_form_fields: dict = {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        factory = self.json_form_fields.get(db_field.name)
        if factory is None:
            return super().formfield_for_dbfield(db_field, request, **kwargs)
        return factory(label=capfirst(db_field.verbose_name), help_text=db_field.help_text)

    @admin.display(description=_("Activity"))
    def activity(self, obj):
        return activity_table(obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields if "activity" in fields else [*fields, "activity"]

    def save_model(self, request, obj, form, change):
        record_save(actor=request.user, instance=obj)

    def delete_model(self, request, obj):
        try:
            record_delete(actor=request.user, instance=obj)
        except DomainError as exc:
            messages.error(request, exc.detail)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            record_delete(actor=request.user, instance=obj)
        for obj in instances:
            record_save(actor=request.user, instance=obj)
        formset.save_m2m()


class AuditedInline(ObjectPermissionsTabularInline):
    extra = 0


class ReadOnlyAdminMixin:
    """Logs and outboxes: viewable and searchable, never added, edited or deleted here
    (superusers included); actions that call services remain available."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
