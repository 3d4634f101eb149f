"""Calls for PfP talks: reviewers inline, proposals with their verdicts and reasons, the
selection run as an action (the one selection engine)."""

from django.contrib import admin, messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gfmd.platform.admin.base import AuditedAdmin, AuditedInline, ReadOnlyAdminMixin
from gfmd.platform.errors import DomainError
from partnerships.models import TalkCall, TalkProposal, TalkReview, TalkReviewer
from partnerships.services.talks import talk_selection_decide, talk_selection_run


class TalkReviewerInline(AuditedInline):
    model = TalkReviewer
    autocomplete_fields = ["user", "organisation"]


@admin.register(TalkCall)
class TalkCallAdmin(AuditedAdmin):
    list_display = ["title", "edition", "state", "places", "waitlist_size", "min_reviews"]
    list_filter = ["state", "edition"]
    list_select_related = ["edition"]
    readonly_fields = ["state", "warnings"]
    inlines = [TalkReviewerInline]
    actions = ["select_talks", "decide"]

    @admin.action(description=_("Select the talks"), permissions=["manage"])
    def select_talks(self, request, queryset):
        for call in queryset:
            try:
                result = talk_selection_run(actor=request.user, call=call)
            except DomainError as exc:
                messages.error(request, f"{call}: {exc.detail}")
            else:
                messages.success(
                    request,
                    gettext("%(call)s: %(count)d talk(s) selected.")
                    % {"call": call, "count": len(result.by_outcome("selected"))},
                )

    @admin.action(description=_("Make the selection final"), permissions=["manage"])
    def decide(self, request, queryset):
        for call in queryset:
            try:
                talk_selection_decide(actor=request.user, call=call)
            except DomainError as exc:
                messages.error(request, f"{call}: {exc.detail}")

    def has_manage_permission(self, request, obj=None):
        return request.user.has_perm("partnerships.manage_talkcall", obj)


@admin.register(TalkProposal)
class TalkProposalAdmin(ReadOnlyAdminMixin, AuditedAdmin):
    list_display = ["title", "call", "proponent_name", "outcome", "rank", "waitlist_position"]
    list_filter = ["call", "outcome"]
    list_select_related = ["call"]
    search_fields = ["title", "proponent_name", "proponent_email"]


@admin.register(TalkReview)
class TalkReviewAdmin(ReadOnlyAdminMixin, AuditedAdmin):
    list_display = ["proposal", "reviewer", "score"]
    list_select_related = ["proposal", "reviewer__user"]
    list_filter = ["proposal__call"]
