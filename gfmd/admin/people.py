"""Accounts and the people who represent a body: users, focal points, organisations."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from gfmd.exports import FOCAL_POINT_COLUMNS
from gfmd.models import FocalPoint, Organisation
from gfmd.platform.admin.base import AuditedAdmin, AuditedInline
from gfmd.platform.admin.exports import ExportActionsMixin
from gfmd.platform.calendar import feed_tokens_revoke
from gfmd.platform.security.auth_cache import forget_user, forget_users
from gfmd.platform.services.records import record_delete, record_save


class FocalPointInline(AuditedInline):
    model = FocalPoint
    fk_name = "user"
    fields = ["country", "organisation", "mechanism", "role", "start_date", "end_date"]
    autocomplete_fields = ["country", "organisation", "mechanism"]


class UserWithFocalPointsAdmin(UserAdmin):
    """Users with the governments and organisations they represent, on one page."""

    inlines = [*UserAdmin.inlines, FocalPointInline]
    actions = ["revoke_calendar_feeds"]

    @admin.action(description=gettext_lazy("Revoke calendar feed URLs"))
    def revoke_calendar_feeds(self, request, queryset):
        for user in queryset:
            feed_tokens_revoke(user=user)
        self.message_user(
            request, gettext("Calendar feed URLs revoked for %(n)d users.") % {"n": len(queryset)}
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        # The Support Unit manages accounts but cannot grant superuser or raw permissions.
        hidden = {"is_superuser", "user_permissions"}
        return [
            (name, {**opts, "fields": [f for f in opts["fields"] if f not in hidden]})
            for name, opts in fieldsets
        ]

    # Active flag, staff flags and groups are what permissions read: each change drops
    # the user's cached snapshot (gfmd/platform/security/auth_cache.py). Focal points go through
    # record_save / record_delete, which do the same.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        forget_user(obj.pk)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        forget_user(form.instance.pk)

    def delete_model(self, request, obj):
        forget_user(obj.pk)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        forget_users(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        if formset.model is not FocalPoint:
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            record_delete(actor=request.user, instance=obj)
        for obj in instances:
            record_save(actor=request.user, instance=obj)


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), UserWithFocalPointsAdmin)


class OrganisationFocalPointInline(AuditedInline):
    model = FocalPoint
    fk_name = "organisation"
    fields = ["user", "role", "start_date", "end_date"]
    autocomplete_fields = ["user"]
    verbose_name_plural = _("focal points")


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    inlines = [OrganisationFocalPointInline]
    list_display = ["name", "acronym", "kind", "gmg_member", "headquarters"]
    list_filter = ["kind", "gmg_member"]
    search_fields = ["name", "acronym"]
    autocomplete_fields = ["headquarters"]
    list_select_related = ["headquarters"]


@admin.register(FocalPoint)
class FocalPointAdmin(ExportActionsMixin, AuditedAdmin):
    export_name, export_columns = "focal-points", FOCAL_POINT_COLUMNS
    list_display = [
        "user",
        "country",
        "organisation",
        "mechanism",
        "role",
        "start_date",
        "end_date",
    ]
    list_filter = ["role", "country__region", "mechanism"]
    search_fields = [
        "user__username",
        "user__first_name",
        "user__last_name",
        "user__email",
        "country__name",
        "organisation__name",
        "organisation__acronym",
    ]
    autocomplete_fields = ["user", "country", "organisation", "mechanism"]
    list_select_related = ["user", "country", "organisation", "mechanism"]
