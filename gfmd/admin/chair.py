"""Admin pages of the Chair's cycle: meeting decisions and chair candidatures.

A candidature's state moves only through its workflow (admin actions call the same
services as the API); staff record offers here."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from gfmd.models import Candidature, MeetingDecision
from gfmd.platform import content
from gfmd.platform.admin.base import AuditedAdmin
from gfmd.platform.errors import DomainError
from gfmd.services import candidatures as svc


@admin.register(MeetingDecision)
class MeetingDecisionAdmin(AuditedAdmin):
    list_display = ["decided_on", "outcome", "agenda_item", "meeting_body"]
    list_filter = ["outcome", "agenda_item__meeting__body"]
    list_select_related = ["agenda_item__meeting"]
    search_fields = content.search_fields("text")
    raw_id_fields = ["agenda_item"]
    readonly_fields = ["subject_type", "subject_id", "created_at"]
    date_hierarchy = "decided_on"

    @admin.display(description=_("Body"), ordering="agenda_item__meeting__body")
    def meeting_body(self, obj):
        return obj.agenda_item.meeting.get_body_display()


@admin.register(Candidature)
class CandidatureAdmin(AuditedAdmin):
    list_display = ["country", "edition", "state", "offered_on", "term_start", "term_end"]
    list_filter = ["state", "edition"]
    list_select_related = ["country", "edition", "chair"]
    search_fields = ["country__name", "edition__title"]
    autocomplete_fields = ["edition", "country"]
    actions = ["consider"]

    def get_readonly_fields(self, request, obj=None):
        fields = ["state", "endorsement", "chair", "state_changed_at"]
        if obj is not None:
            fields += ["edition", "country", "offered_on"]
        return [*fields, *super().get_readonly_fields(request, obj)]

    @admin.display(description=_("Term start"))
    def term_start(self, obj):
        return obj.chair.term_start if obj.chair else None

    @admin.display(description=_("Term end"))
    def term_end(self, obj):
        return obj.chair.term_end if obj.chair else None

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        saved = svc.candidature_offer(
            actor=request.user,
            edition=obj.edition,
            country=obj.country,
            offered_on=obj.offered_on,
            note=obj.note,
        )
        obj.pk = saved.pk

    @admin.action(description=_("Put the candidatures under consideration"), permissions=["change"])
    def consider(self, request, queryset):
        for candidature in queryset:
            try:
                svc.candidature_consider(actor=request.user, candidature=candidature)
            except DomainError as exc:
                messages.error(request, exc.detail)
