"""Admin for the other CSD records: committee, policy, delegates, programme and outputs."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civil_society.enums import DelegateStatus, Sector
from civil_society.exports import DELEGATION_COLUMNS
from civil_society.models import (
    AdvisoryCommitteeMember,
    CommonSpaceParticipant,
    CommonSpaceSession,
    CSDSession,
    Delegate,
    FriendsRepresentative,
    PeoplesGlobalActionDocument,
    Recommendation,
    SelectionPolicy,
)
from civil_society.selectors.records import (
    delegates_for_user,
    policies_for_user,
    recommendations_for_user,
)
from civil_society.services.programme import (
    friends_representative_check,
    friends_representative_register,
    friends_representative_remove,
)
from civil_society.services.waitlist import delegate_release
from gfmd.platform import content
from gfmd.platform.admin.base import AuditedAdmin, AuditedInline
from gfmd.platform.admin.exports import ExportActionsMixin
from gfmd.platform.admin.widgets import KeyedNumbersField, LinesField, sentence
from gfmd.platform.errors import DomainError


@admin.register(AdvisoryCommitteeMember)
class AdvisoryCommitteeMemberAdmin(AuditedAdmin):
    list_display = [
        "user",
        "csd_edition",
        "organisation",
        "role",
        "term_start",
        "term_end",
        "is_reviewer",
    ]
    list_filter = ["csd_edition", "role", "is_reviewer"]
    list_select_related = ["user", "csd_edition", "organisation"]
    autocomplete_fields = ["user", "organisation"]
    search_fields = ["user__first_name", "user__last_name", "organisation__name"]


@admin.register(SelectionPolicy)
class SelectionPolicyAdmin(AuditedAdmin):
    list_display = [
        "csd_edition",
        "places",
        "waitlist_size",
        "priority_bonus",
        "min_per_region",
        "max_region_share",
        "max_per_organisation",
        "minimums",
        "min_shares",
    ]
    list_select_related = ["csd_edition"]
    json_form_fields = {
        "sector_minimums": lambda **kw: KeyedNumbersField(Sector.choices, **kw),
        "sector_min_shares": lambda **kw: KeyedNumbersField(
            Sector.choices, decimal=True, max_value=1, **kw
        ),
    }

    @admin.display(description=_("Sector minimums"))
    def minimums(self, obj):
        return sentence(obj.sector_minimums, Sector.choices)

    @admin.display(description=_("Sector minimum shares"))
    def min_shares(self, obj):
        return sentence(obj.sector_min_shares, Sector.choices, percent=True)

    def get_queryset(self, request):
        return policies_for_user(request.user).select_related("csd_edition")

    def get_changeform_initial_data(self, request):
        return {
            **super().get_changeform_initial_data(request),
            "sector_minimums": {},
            "sector_min_shares": {},
        }


@admin.register(Delegate)
class DelegateAdmin(ExportActionsMixin, AuditedAdmin):
    """Delegates; "Export CSV/XLSX" writes the selected delegates among the checked rows
    (the delegation) with contact details, for logistics."""

    export_name = "csd-delegation"
    export_columns = DELEGATION_COLUMNS
    list_display = [
        "full_name",
        "organisation",
        "csd_edition",
        "country",
        "gender",
        "status",
        "waitlist_position",
    ]
    list_filter = ["csd_edition", "status", "gender", "country__region"]
    search_fields = ["full_name", "email", "application__organisation__organisation__name"]
    list_select_related = ["application__organisation__organisation", "csd_edition", "country"]
    readonly_fields = ["application", "csd_edition", "status", "waitlist_position", "decided_at"]
    autocomplete_fields = ["country"]
    actions = ["release_place"]
    json_form_fields = {"roundtable_interests": LinesField}

    def get_queryset(self, request):
        return delegates_for_user(request.user).select_related("csd_edition")

    def export_queryset(self, queryset):
        return queryset.filter(status=DelegateStatus.SELECTED)

    @admin.display(
        description=_("Organisation"), ordering="application__organisation__organisation__name"
    )
    def organisation(self, obj):
        return obj.application.organisation.organisation.name

    def has_add_permission(self, request):
        return False  # delegates are nominated in an application

    def has_release_permission(self, request):
        return request.user.has_perm("civil_society.confirm_selection")

    @admin.action(
        description=_("Release the place (the waitlist moves up)"), permissions=["release"]
    )
    def release_place(self, request, queryset):
        for delegate in queryset:
            try:
                promoted = delegate_release(actor=request.user, delegate=delegate, reason="staff")
            except DomainError as exc:
                messages.error(request, f"{delegate.full_name}: {exc.detail}")
                continue
            if promoted:
                text = gettext("%(name)s's place released; %(promoted)s moves up.") % {
                    "name": delegate.full_name,
                    "promoted": promoted.full_name,
                }
            else:
                text = gettext("%(name)s's place released; the waitlist is empty.") % {
                    "name": delegate.full_name
                }
            messages.success(request, text)


@admin.register(CSDSession)
class CSDSessionAdmin(AuditedAdmin):
    list_display = ["code", "title", "csd_edition", "origin", "government_session_label", "theme"]
    list_filter = ["csd_edition", "origin"]
    list_select_related = ["csd_edition"]
    search_fields = ["code", "title", "theme", "government_session_label"]
    raw_id_fields = ["government_session"]


@admin.register(Recommendation)
class RecommendationAdmin(AuditedAdmin):
    list_display = [
        "title",
        "csd_edition",
        "session",
        "addressed_theme",
        "addressed_session_label",
        "is_published",
    ]
    list_filter = ["csd_edition", "is_published"]
    list_select_related = ["csd_edition", "session"]
    search_fields = [
        *content.search_fields("title", "text"),
        "addressed_theme",
        "addressed_session_label",
    ]
    raw_id_fields = ["addressed_session"]

    def get_queryset(self, request):
        return recommendations_for_user(request.user).select_related("csd_edition")


class CommonSpaceParticipantInline(AuditedInline):
    model = CommonSpaceParticipant
    autocomplete_fields = ["country", "organisation", "mechanism"]
    raw_id_fields = ["delegate"]


@admin.register(CommonSpaceSession)
class CommonSpaceSessionAdmin(AuditedAdmin):
    list_display = ["title", "csd_edition", "date", "theme"]
    list_filter = ["csd_edition"]
    list_select_related = ["csd_edition"]
    inlines = [CommonSpaceParticipantInline]


@admin.register(PeoplesGlobalActionDocument)
class PeoplesGlobalActionDocumentAdmin(AuditedAdmin):
    list_display = ["title", "csd_edition", "presented_on", "url"]
    list_filter = ["csd_edition"]
    list_select_related = ["csd_edition"]


class FriendsRepresentativeForm(forms.ModelForm):
    class Meta:
        model = FriendsRepresentative
        fields = ["delegate", "meeting"]

    def clean(self):
        data = super().clean()
        if data.get("delegate") and data.get("meeting"):
            try:
                friends_representative_check(delegate=data["delegate"], meeting=data["meeting"])
            except DomainError as exc:
                raise forms.ValidationError(exc.detail) from exc
        return data


@admin.register(FriendsRepresentative)
class FriendsRepresentativeAdmin(AuditedAdmin):
    form = FriendsRepresentativeForm
    list_display = ["delegate", "meeting"]
    list_select_related = ["delegate__application__organisation__organisation", "meeting"]
    raw_id_fields = ["delegate", "meeting"]

    def save_model(self, request, obj, form, change):
        saved = friends_representative_register(
            actor=request.user, delegate=obj.delegate, meeting=obj.meeting
        )
        obj.pk, obj.attendance = saved.pk, saved.attendance

    def delete_model(self, request, obj):
        friends_representative_remove(actor=request.user, representative=obj)

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)
