"""Admin pages of stakeholder mechanisms, local governments and working groups."""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from gfmd.enums import WORKING_GROUP_TRANSITIONS
from gfmd.models import (
    FocalPoint,
    LocalGovernment,
    Mechanism,
    MechanismOrganisation,
    MechanismParticipation,
    WorkingGroup,
    WorkingGroupChair,
    WorkingGroupMember,
)
from gfmd.platform.admin.base import AuditedAdmin, AuditedInline
from gfmd.platform.errors import DomainError
from gfmd.services.working_groups import working_group_transition


class CoordinatorInline(AuditedInline):
    model = MechanismOrganisation
    autocomplete_fields = ["organisation"]


class MechanismFocalPointInline(AuditedInline):
    model = FocalPoint
    fields = ["user", "role", "start_date", "end_date", "language"]
    autocomplete_fields = ["user"]


class ParticipationInline(AuditedInline):
    model = MechanismParticipation


@admin.register(Mechanism)
class MechanismAdmin(AuditedAdmin):
    list_display = ["name", "code", "since_year", "until_year", "coordinator_count"]
    list_filter = ["until_year"]
    search_fields = ["name", "name_fr", "name_es", "code"]
    inlines = [CoordinatorInline, ParticipationInline, MechanismFocalPointInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(coordinator_total=Count("coordinators"))

    @admin.display(description=_("Coordinating organisations"), ordering="coordinator_total")
    def coordinator_count(self, obj):
        return obj.coordinator_total


@admin.register(MechanismParticipation)
class MechanismParticipationAdmin(AuditedAdmin):
    list_display = ["mechanism", "body", "start_date", "end_date"]
    list_filter = ["body", "mechanism"]
    autocomplete_fields = ["mechanism"]
    list_select_related = ["mechanism"]


@admin.register(LocalGovernment)
class LocalGovernmentAdmin(AuditedAdmin):
    list_display = ["name", "kind", "country", "region", "network_list"]
    list_filter = ["kind", "country__region", "networks"]
    search_fields = ["name", "country__name"]
    autocomplete_fields = ["country", "networks"]
    list_select_related = ["country"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("networks")

    @admin.display(description=_("Region"), ordering="country__region")
    def region(self, obj):
        return obj.region

    @admin.display(description=_("Networks"))
    def network_list(self, obj):
        return ", ".join(n.acronym or n.name for n in obj.networks.all())


class WorkingGroupChairInline(AuditedInline):
    model = WorkingGroupChair
    autocomplete_fields = ["country", "mechanism"]


class WorkingGroupMemberInline(AuditedInline):
    model = WorkingGroupMember
    autocomplete_fields = ["country", "organisation", "mechanism"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(AuditedAdmin):
    list_display = ["name", "status", "term_from", "term_to", "until_deliverable", "chair_list"]
    list_filter = ["status", "until_deliverable"]
    search_fields = ["name", "name_fr", "name_es"]
    readonly_fields = ["status"]
    inlines = [WorkingGroupChairInline, WorkingGroupMemberInline]
    actions = ["conclude", "dissolve"]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).prefetch_related("chairs__country", "chairs__mechanism")
        )

    @admin.display(description=_("Co-chairs"))
    def chair_list(self, obj):
        return ", ".join(str(chair) for chair in obj.chairs.all())

    def _run(self, request, queryset, name):
        for group in queryset:
            try:
                working_group_transition(actor=request.user, group=group, name=name)
            except DomainError as exc:
                messages.error(request, f"{group}: {exc.detail}")

    @admin.action(description=WORKING_GROUP_TRANSITIONS["conclude"].label, permissions=["change"])
    def conclude(self, request, queryset):
        self._run(request, queryset, "conclude")

    @admin.action(description=WORKING_GROUP_TRANSITIONS["dissolve"].label, permissions=["change"])
    def dissolve(self, request, queryset):
        self._run(request, queryset, "dissolve")
