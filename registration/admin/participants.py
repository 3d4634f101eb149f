"""The review queue: participants per meeting with filters (category, delegation, state,
missing credentials, visa needed), bulk approve (each outcome explained), reject with a
reason, substitution; passport data read-only, on the change page only."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gfmd.platform.admin.base import AuditedAdmin
from gfmd.platform.errors import DomainError
from registration.admin.filters import RegistrationFilter
from registration.admin.forms import SubstituteForm, reason_step
from registration.enums import ParticipantState
from registration.models import Participant, PassportData
from registration.selectors.participants import credentials_held, filter_missing_credentials
from registration.selectors.quotas import quota_usage
from registration.services.decisions import participant_reject, participants_bulk_approve
from registration.services.participants import participant_cancel, participant_substitute


class MissingCredentialsFilter(admin.SimpleListFilter):
    title = _("credentials")
    parameter_name = "credentials"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing")), ("sent", _("Sent"))]

    def queryset(self, request, queryset):
        if self.value() in ("missing", "sent"):
            return filter_missing_credentials(queryset, missing=self.value() == "missing")
        return queryset


class PassportInline(admin.StackedInline):
    """Shown to the Support Unit only (rules: registration.view_passportdata); entered by
    the delegation through the API, never edited here (changes would need masking)."""

    model = PassportData
    fields = ["nationality", "passport_number", "date_of_birth", "passport_expires"]
    readonly_fields = fields
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("registration.view_passportdata")


@admin.register(Participant)
class ParticipantAdmin(AuditedAdmin):
    list_display = [
        "full_name",
        "category",
        "delegation_name",
        "is_head_of_delegation",
        "attendance_format",
        "state",
        "waitlist_position",
        "visa_letter_needed",
        "has_credentials",
        "links",
    ]
    list_select_related = ["category", "country", "organisation", "registration__meeting"]
    list_filter = [
        RegistrationFilter,
        "category__kind",
        "state",
        MissingCredentialsFilter,
        "visa_letter_needed",
        "attendance_format",
        ("country", admin.RelatedOnlyFieldListFilter),
        ("organisation", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["full_name", "email", "country__name", "organisation__name"]
    ordering = ["registration", "category__position", "waitlist_position", "full_name", "id"]
    actions = ["approve_selected", "reject_selected", "cancel_selected"]
    inlines = [PassportInline]
    autocomplete_fields = ["country", "organisation", "speaking_sessions"]
    readonly_fields = [
        "state",
        "reason",
        "explanation",
        "waitlist_position",
        "substitutes",
        "csd_delegate",
        "submitted_at",
        "state_changed_at",
    ]
    fields = [
        "registration",
        "category",
        "country",
        "organisation",
        "full_name",
        "title",
        "function",
        "email",
        "language",
        "is_head_of_delegation",
        "attendance_format",
        "speaking_sessions",
        "accessibility_needs",
        "visa_letter_needed",
        *readonly_fields,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(credentials_held=credentials_held())

    def changelist_view(self, request, extra_context=None):
        # With a meeting picked, the seats against its quotas sit above the queue, so a
        # bulk approval is decided with the counts in view (two queries).
        extra_context = extra_context or {}
        registration_id = request.GET.get(RegistrationFilter.parameter_name, "")
        if registration_id.isdigit():
            extra_context["quota_usage"] = quota_usage(int(registration_id))
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("delegation"))
    def delegation_name(self, obj):
        return obj.delegation or "-"

    @admin.display(description=_("credentials"), boolean=True)
    def has_credentials(self, obj):
        if obj.country_id is None and obj.organisation_id is None:
            return None
        return obj.credentials_held

    @admin.display(description=_("Substitution"))
    def links(self, obj):
        if obj.state not in (
            ParticipantState.SUBMITTED,
            ParticipantState.APPROVED,
            ParticipantState.WAITLISTED,
        ):
            return "-"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:registration_participant_substitute", args=[obj.pk]),
            gettext("Substitute"),
        )

    @admin.action(description=_("Approve the selected participants (quotas checked)"))
    def approve_selected(self, request, queryset):
        if not request.user.has_perm("registration.decide_participant"):
            raise PermissionDenied
        decisions = participants_bulk_approve(actor=request.user, participants=list(queryset))
        for decision in decisions:
            level = messages.SUCCESS if decision.outcome == "approved" else messages.WARNING
            self.message_user(request, f"{decision.participant}: {decision.explanation}", level)

    @admin.action(description=_("Reject the selected participants (with a reason)"))
    def reject_selected(self, request, queryset):
        return reason_step(
            self,
            request,
            queryset,
            action="reject_selected",
            title=gettext("Reject"),
            run=lambda p, reason: participant_reject(
                actor=request.user, participant=p, reason=reason
            ),
        )

    @admin.action(description=_("Cancel the selected participants (with a reason)"))
    def cancel_selected(self, request, queryset):
        return reason_step(
            self,
            request,
            queryset,
            action="cancel_selected",
            title=gettext("Cancel"),
            run=lambda p, reason: participant_cancel(
                actor=request.user, participant=p, reason=reason
            ),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/substitute/",
                view(self.substitute_view),
                name="registration_participant_substitute",
            ),
            *super().get_urls(),
        ]

    def substitute_view(self, request, pk):
        participant = get_object_or_404(self.get_queryset(request), pk=pk)
        if not request.user.has_perm("registration.change_participant", participant):
            raise PermissionDenied
        form = SubstituteForm(request.POST or None)
        if form.is_valid():
            try:
                substitute = participant_substitute(
                    actor=request.user, participant=participant, **form.cleaned_data
                )
            except DomainError as exc:
                self.message_user(request, exc.detail, messages.ERROR)
            else:
                self.message_user(
                    request,
                    gettext("%(new)s replaces %(old)s.") % {"new": substitute, "old": participant},
                )
                return redirect("admin:registration_participant_change", substitute.pk)
        return TemplateResponse(
            request,
            "admin/registration/substitute.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": gettext("Substitute %(name)s") % {"name": participant.full_name},
                "participant": participant,
                "form": form,
            },
        )
