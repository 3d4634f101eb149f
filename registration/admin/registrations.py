"""Registrations with their categories inline and the seats against quotas at a glance;
categories with their quotas inline."""

from django.contrib import admin
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from gfmd.platform.admin.base import AuditedAdmin, AuditedInline
from registration.enums import ParticipantState
from registration.models import ParticipantCategory, Quota, Registration
from registration.selectors.quotas import quota_usage


class CategoryInline(AuditedInline):
    model = ParticipantCategory
    fields = ["position", "code", "name", "name_fr", "name_es", "kind", "organisation_kind"]
    fields += ["colour", "list_visibility"]
    show_change_link = True


class QuotaInline(AuditedInline):
    model = Quota
    fields = ["scope", "seats", "plus_head_of_delegation", "country", "organisation"]
    autocomplete_fields = ["country", "organisation"]


@admin.register(Registration)
class RegistrationAdmin(AuditedAdmin):
    list_display = [
        "meeting",
        "opens_at",
        "closes_at",
        "submitted",
        "approved",
        "waitlisted",
        "chatham_house",
    ]
    list_select_related = ["meeting"]
    autocomplete_fields = ["meeting"]
    search_fields = ["meeting__title"]
    inlines = [CategoryInline]
    readonly_fields = ["quotas_at_a_glance", "passport_data_purged_at"]

    def get_queryset(self, request):
        counts = {
            state: Count("participants", filter=Q(participants__state=state))
            for state in (
                ParticipantState.SUBMITTED,
                ParticipantState.APPROVED,
                ParticipantState.WAITLISTED,
            )
        }
        return super().get_queryset(request).annotate(**{f"n_{k}": v for k, v in counts.items()})

    @admin.display(description=_("submitted"), ordering="n_submitted")
    def submitted(self, obj):
        return obj.n_submitted

    @admin.display(description=_("approved"), ordering="n_approved")
    def approved(self, obj):
        return obj.n_approved

    @admin.display(description=_("waitlisted"), ordering="n_waitlisted")
    def waitlisted(self, obj):
        return obj.n_waitlisted

    @admin.display(description=_("Seats against quotas"))
    def quotas_at_a_glance(self, obj):
        if obj.pk is None:
            return "-"
        return render_to_string(
            "admin/registration/quota_usage.html", {"usage": quota_usage(obj.pk)}
        )


@admin.register(ParticipantCategory)
class ParticipantCategoryAdmin(AuditedAdmin):
    list_display = ["name", "registration", "kind", "list_visibility", "position"]
    list_select_related = ["registration__meeting"]
    list_filter = ["kind", "list_visibility"]
    search_fields = ["name", "code", "registration__meeting__title"]
    inlines = [QuotaInline]
