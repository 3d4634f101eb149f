"""Admin of outcomes: thin, every save through the services (validation and audit)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from rules.contrib.admin import ObjectPermissionsModelAdmin

from gfmd.platform.admin.base import AuditedAdmin
from gfmd.platform.errors import DomainError
from outcomes.models import (
    EditionTagging,
    FollowUp,
    IMRFReport,
    Objective,
    Recommendation,
    ReportingOptOut,
    ReportSection,
    SDGTarget,
)
from outcomes.services import recommendations as rec_services
from outcomes.services import reports as report_services
from outcomes.services import tagging as tag_services


@admin.register(Objective)
class ObjectiveAdmin(AuditedAdmin):
    list_display = ["number", "short_title", "short_title_fr", "short_title_es"]
    readonly_fields = ["number", "title"]
    fields = [
        "number",
        "short_title",
        "short_title_fr",
        "short_title_es",
        "title",
        "title_fr",
        "title_es",
    ]


@admin.register(SDGTarget)
class SDGTargetAdmin(AuditedAdmin):
    list_display = ["code", "summary"]
    search_fields = ["code", "summary"]


@admin.register(EditionTagging)
class EditionTaggingAdmin(AuditedAdmin):
    list_display = ["edition", "scheme", "switched_on_at"]
    list_filter = ["scheme"]
    fields = ["edition", "scheme"]

    def save_model(self, request, obj, form, change):
        tag_services.tagging_policy_switch(
            actor=request.user, edition=obj.edition, scheme=obj.scheme, on=True
        )

    def delete_model(self, request, obj):
        try:
            tag_services.tagging_policy_switch(
                actor=request.user, edition=obj.edition, scheme=obj.scheme, on=False
            )
        except DomainError as exc:
            messages.error(request, exc.detail)


@admin.register(ReportingOptOut)
class ReportingOptOutAdmin(AuditedAdmin):
    list_display = ["country", "edition", "recorded_at"]
    autocomplete_fields = ["country"]
    fields = ["country", "edition", "reason"]


class FollowUpInline(admin.TabularInline):
    """Read-only history; a new entry is added on the follow-up page."""

    model = FollowUp
    extra = 0
    can_delete = False
    fields = [
        "edition",
        "status",
        "evidence",
        "reporting_country",
        "reporting_organisation",
        "recorded_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Recommendation)
class RecommendationAdmin(AuditedAdmin):
    list_display = ["title", "edition", "addressed_to", "outcome_document", "source_label"]
    list_filter = ["addressed_to", "edition", ("outcome_document", admin.EmptyFieldListFilter)]
    search_fields = ["title", "title_fr", "title_es", "text"]
    list_select_related = ["edition", "outcome_document"]
    raw_id_fields = ["session", "outcome_document"]
    fields = [
        "edition",
        "session",
        "outcome_document",
        "source_label",
        "addressed_to",
        "title",
        "title_fr",
        "title_es",
        "text",
        "text_fr",
        "text_es",
    ]
    inlines = [FollowUpInline]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "edition"] if obj is not None else fields

    def save_model(self, request, obj, form, change):
        texts = {f: getattr(obj, f) for f in rec_services.TEXT_FIELDS}
        if change:
            rec_services.recommendation_update(
                actor=request.user,
                recommendation=obj,
                addressed_to=obj.addressed_to,
                session=obj.session,
                outcome_document=obj.outcome_document,
                source_label=obj.source_label,
                **texts,
            )
        else:
            created = rec_services.recommendation_create(
                actor=request.user,
                edition=obj.edition,
                addressed_to=obj.addressed_to,
                session=obj.session,
                outcome_document=obj.outcome_document,
                source_label=obj.source_label,
                **texts,
            )
            obj.pk = created.pk


@admin.register(FollowUp)
class FollowUpAdmin(AuditedAdmin):
    list_display = [
        "recommendation",
        "edition",
        "status",
        "reporting_country",
        "reporting_organisation",
    ]
    list_filter = ["status", "edition"]
    list_select_related = [
        "recommendation",
        "edition",
        "reporting_country",
        "reporting_organisation",
    ]
    raw_id_fields = ["recommendation"]
    fields = [
        "recommendation",
        "edition",
        "status",
        "evidence",
        "evidence_fr",
        "evidence_es",
        "reporting_country",
        "reporting_organisation",
    ]

    def save_model(self, request, obj, form, change):
        created = rec_services.followup_record(
            actor=request.user,
            recommendation=obj.recommendation,
            edition=obj.edition,
            status=obj.status,
            evidence=obj.evidence,
            evidence_fr=obj.evidence_fr,
            evidence_es=obj.evidence_es,
            reporting_country=obj.reporting_country,
            reporting_organisation=obj.reporting_organisation,
        )
        obj.pk = created.pk


class SectionInline(admin.TabularInline):
    model = ReportSection
    extra = 0
    can_delete = False
    fields = ["position", "heading", "origin", "counts", "stale"]
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(IMRFReport)
class IMRFReportAdmin(ObjectPermissionsModelAdmin):
    list_display = ["title", "year_from", "year_to", "state", "generation", "progress"]
    readonly_fields = ["state", "generation", "progress", "generation_error", "generated_at"]
    fields = ["title", "year_from", "year_to", *readonly_fields]
    inlines = [SectionInline]
    actions = ["regenerate", "submit", "approve"]

    def save_model(self, request, obj, form, change):
        if change:  # period and title are read-only once created; states move by actions
            return
        created = report_services.report_create(
            actor=request.user, year_from=obj.year_from, year_to=obj.year_to, title=obj.title
        )
        obj.pk = created.pk

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return [*self.readonly_fields, "title", "year_from", "year_to"]
        return self.readonly_fields

    def _each(self, request, queryset, call):
        for report in queryset:
            try:
                call(report)
            except DomainError as exc:
                messages.error(request, f"{report}: {exc.detail}")

    @admin.action(description=_("Regenerate (staff edits are kept)"), permissions=["change"])
    def regenerate(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda r: report_services.report_generation_request(actor=request.user, report=r),
        )

    @admin.action(description=_("Submit for review"), permissions=["change"])
    def submit(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda r: report_services.report_transition(
                actor=request.user, report=r, name="submit"
            ),
        )

    @admin.action(description=_("Approve"), permissions=["change"])
    def approve(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda r: report_services.report_transition(
                actor=request.user, report=r, name="approve"
            ),
        )


@admin.register(ReportSection)
class ReportSectionAdmin(ObjectPermissionsModelAdmin):
    """Staff write the edited texts; the generated ones are shown beside them."""

    list_display = ["heading", "report", "origin", "stale"]
    list_filter = ["origin", "report"]
    list_select_related = ["report"]
    fields = [
        "report",
        "heading",
        "origin",
        "generated_body",
        "edited_body",
        "edited_body_fr",
        "edited_body_es",
        "counts",
    ]
    readonly_fields = ["report", "heading", "origin", "generated_body", "counts"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        if obj.edited_body.strip():
            report_services.section_edit(
                actor=request.user,
                section=obj,
                body=obj.edited_body,
                body_fr=obj.edited_body_fr,
                body_es=obj.edited_body_es,
            )
        else:
            report_services.section_revert(actor=request.user, section=obj)


# how its activity entries read (gfmd/platform/plain.py)
from outcomes.admin import plain  # noqa: E402, F401
