"""Civil-society organisations: the staff check of migrant-/diaspora-led status and
deduplication (possible duplicates grouped, merged with one click)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civil_society.models import CivilSocietyOrganisation
from civil_society.models.organisations import normalise_name, website_domain
from civil_society.selectors.organisations import duplicate_groups, possible_duplicates
from civil_society.services.organisations import cso_check_led, cso_merge
from gfmd.platform.admin.base import AuditedAdmin
from gfmd.platform.errors import DomainError
from gfmd.platform.services.records import record_save


@admin.register(CivilSocietyOrganisation)
class CivilSocietyOrganisationAdmin(AuditedAdmin):
    list_display = [
        "organisation",
        "sector",
        "migrant_led",
        "diaspora_led",
        "led_check",
        "headquarters",
        "website_domain",
        "application_count",
    ]
    list_filter = ["sector", "migrant_led", "diaspora_led", "led_check"]
    search_fields = [
        "organisation__name",
        "organisation__acronym",
        "normalised_name",
        "website_domain",
    ]
    list_select_related = ["organisation", "organisation__headquarters"]
    autocomplete_fields = ["organisation", "countries_of_work"]
    readonly_fields = ["normalised_name", "website_domain", "possible_duplicates"]
    actions = ["confirm_led", "refuse_led"]
    change_list_template = "admin/civil_society/civilsocietyorganisation/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(application_total=Count("applications"))

    @admin.display(description=_("Headquarters"), ordering="organisation__headquarters__name")
    def headquarters(self, obj):
        return obj.organisation.headquarters or "-"

    @admin.display(description=_("Applications"), ordering="application_total")
    def application_count(self, obj):
        return obj.application_total

    @admin.display(description=_("Possible duplicates"))
    def possible_duplicates(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        matches = possible_duplicates(
            name=obj.organisation.name, website=obj.organisation.website, exclude_id=obj.pk
        )
        if not matches:
            return gettext("None found.")
        url = reverse("admin:civil_society_civilsocietyorganisation_duplicates")
        return format_html(
            gettext(
                "{count} possible duplicate(s): {matches}. <a href='{url}'>Review and merge</a>"
            ),
            count=len(matches),
            matches="; ".join(f"{m.organisation} ({', '.join(m.reasons)})" for m in matches),
            url=url,
        )

    def save_model(self, request, obj, form, change):
        obj.led_check = (
            obj.led_check
            if obj.declares_led and obj.led_check != "not_declared"
            else ("pending" if obj.declares_led else "not_declared")
        )
        obj.normalised_name = normalise_name(obj.organisation.name)
        obj.website_domain = website_domain(obj.organisation.website)
        record_save(actor=request.user, instance=obj)
        matches = possible_duplicates(
            name=obj.organisation.name, website=obj.organisation.website, exclude_id=obj.pk
        )
        if matches:
            messages.warning(
                request,
                gettext("%(organisation)s may duplicate: %(matches)s")
                % {
                    "organisation": obj,
                    "matches": "; ".join(
                        f"{m.organisation} ({', '.join(m.reasons)})" for m in matches
                    ),
                },
            )

    def has_check_permission(self, request):
        return request.user.has_perm("civil_society.check_led_status")

    @admin.action(
        description=_("Confirm the migrant-/diaspora-led declaration"), permissions=["check"]
    )
    def confirm_led(self, request, queryset):
        self._check(request, queryset, True)

    @admin.action(
        description=_("Refuse the migrant-/diaspora-led declaration"), permissions=["check"]
    )
    def refuse_led(self, request, queryset):
        self._check(request, queryset, False)

    def _check(self, request, queryset, confirmed):
        done = 0
        for profile in queryset.select_related("organisation"):
            try:
                cso_check_led(actor=request.user, profile=profile, confirmed=confirmed)
                done += 1
            except DomainError as exc:
                messages.warning(request, f"{profile}: {exc.detail}")
        messages.success(request, gettext("%(count)d organisation(s) checked.") % {"count": done})

    def get_urls(self):
        return [
            path(
                "duplicates/",
                self.admin_site.admin_view(self.duplicates_view),
                name="civil_society_civilsocietyorganisation_duplicates",
            ),
            *super().get_urls(),
        ]

    def duplicates_view(self, request):
        """Groups of organisations that look the same; staff merge one into another."""
        if not request.user.has_perm("civil_society.merge_organisations"):
            raise PermissionDenied
        if request.method == "POST":
            keep = get_object_or_404(CivilSocietyOrganisation, pk=request.POST.get("keep"))
            duplicate = get_object_or_404(
                CivilSocietyOrganisation, pk=request.POST.get("duplicate")
            )
            try:
                cso_merge(actor=request.user, keep=keep, duplicate=duplicate)
                messages.success(
                    request, gettext("Merged into %(organisation)s.") % {"organisation": keep}
                )
            except DomainError as exc:
                messages.error(request, exc.detail)
            return redirect("admin:civil_society_civilsocietyorganisation_duplicates")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Possible duplicate organisations"),
            "groups": duplicate_groups(),
        }
        return TemplateResponse(request, "admin/civil_society/duplicates.html", context)
