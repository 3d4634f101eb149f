"""The review screen (scores, conflicts, proposed selection with its explanation, adjust,
confirm), the reviewer's scoring page and the selection report."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civil_society.enums import ApplicationSource, Outcome, ProposalStatus
from civil_society.models import (
    Application,
    CSDEdition,
    Delegate,
    ProposalEntry,
    Review,
    SelectionPolicy,
    SelectionProposal,
)
from civil_society.models.applications import SCORE_MAX, SCORE_MIN
from civil_society.selectors.records import (
    applications_for_user,
    proposals_for_user,
    reviews_for_user,
)
from civil_society.selectors.selection import (
    current_proposal,
    proposal_entries,
    review_screen,
    selection_report,
)
from civil_society.services.applications import application_withdraw
from civil_society.services.editions import csd_edition_save
from civil_society.services.reviews import conflict_of_interest, review_submit, reviewer_seat
from civil_society.services.selection import proposal_adjust, proposal_confirm, proposal_run
from gfmd.platform.admin.base import AuditedAdmin, AuditedInline
from gfmd.platform.errors import DomainError
from gfmd.platform.services.records import record_save
from gfmd.platform.transitions import allowed_transitions


class ScoreForm(forms.Form):
    score = forms.IntegerField(label=_("Score"), min_value=SCORE_MIN, max_value=SCORE_MAX)
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class AdjustForm(forms.Form):
    entry = forms.IntegerField()
    outcome = forms.ChoiceField(choices=Outcome.choices)
    note = forms.CharField()


@admin.register(CSDEdition)
class CSDEditionAdmin(AuditedAdmin):
    list_display = ["title", "edition", "start_date", "end_date", "applications_open", "links"]
    list_select_related = ["edition"]
    autocomplete_fields = ["edition", "organising_body"]
    search_fields = ["title", "edition__title"]
    readonly_fields = ["forum_start_date"]

    def save_model(self, request, obj, form, change):
        csd_edition_save(actor=request.user, csd_edition=obj)

    @admin.display(description=_("Review and selection"))
    def links(self, obj):
        return format_html(
            '<a href="{}">{}</a> | <a href="{}">{}</a>',
            reverse("admin:civil_society_csdedition_review", args=[obj.pk]),
            gettext("Review screen"),
            reverse("admin:civil_society_csdedition_report", args=[obj.pk]),
            gettext("Selection report"),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/review/", view(self.review_view), name="civil_society_csdedition_review"
            ),
            path(
                "<int:pk>/report/", view(self.report_view), name="civil_society_csdedition_report"
            ),
            *super().get_urls(),
        ]

    def _context(self, request, csd_edition, title):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": csd_edition,
            "csd_edition": csd_edition,
            "title": title,
        }

    def review_view(self, request, pk):
        csd_edition = get_object_or_404(CSDEdition.objects.select_related("edition"), pk=pk)
        if not request.user.has_perm("civil_society.view_selection_report", csd_edition):
            raise PermissionDenied
        if request.method == "POST":
            self._review_post(request, csd_edition)
            return redirect("admin:civil_society_csdedition_review", pk=pk)
        proposal = current_proposal(csd_edition)
        entries = list(proposal_entries(proposal)) if proposal else []
        context = {
            **self._context(
                request,
                csd_edition,
                gettext("Review screen: %(csd_edition)s") % {"csd_edition": csd_edition},
            ),
            "rows": review_screen(csd_edition),
            "policy": SelectionPolicy.objects.filter(csd_edition=csd_edition).first(),
            "proposal": proposal,
            "entries": entries,
            "counts": {
                str(o.label): sum(1 for e in entries if e.outcome == o.value) for o in Outcome
            },
            "outcomes": Outcome.choices,
            "can_decide": request.user.has_perm("civil_society.confirm_selection", csd_edition),
            # Open to adjusting and confirming: what the transition table allows next.
            "is_draft": proposal is not None
            and any(t.name == "confirm" for t in allowed_transitions(proposal)),
        }
        return TemplateResponse(request, "admin/civil_society/review_screen.html", context)

    def _review_post(self, request, csd_edition):
        if not request.user.has_perm("civil_society.confirm_selection", csd_edition):
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "run":
                proposal = proposal_run(actor=request.user, csd_edition=csd_edition)
                messages.success(
                    request,
                    gettext("Proposed selection #%(id)s ready.") % {"id": proposal.pk},
                )
            elif action == "confirm":
                proposal = get_object_or_404(
                    SelectionProposal, pk=request.POST.get("proposal"), csd_edition=csd_edition
                )
                proposal_confirm(actor=request.user, proposal=proposal)
                messages.success(
                    request, gettext("Selection confirmed; delegates will be notified.")
                )
            elif action == "adjust":
                form = AdjustForm(request.POST)
                if not form.is_valid():
                    messages.error(
                        request, gettext("Choose an outcome and explain the adjustment.")
                    )
                    return
                entry = get_object_or_404(
                    ProposalEntry,
                    pk=form.cleaned_data["entry"],
                    proposal__csd_edition=csd_edition,
                )
                proposal_adjust(
                    actor=request.user,
                    entry=entry,
                    outcome=form.cleaned_data["outcome"],
                    note=form.cleaned_data["note"],
                )
                messages.success(request, gettext("Adjustment saved."))
        except DomainError as exc:
            messages.error(request, exc.detail)

    def report_view(self, request, pk):
        csd_edition = get_object_or_404(CSDEdition, pk=pk)
        if not request.user.has_perm("civil_society.view_selection_report", csd_edition):
            raise PermissionDenied
        proposal = None
        if request.GET.get("proposal", "").isdigit():
            proposal = get_object_or_404(
                SelectionProposal, pk=request.GET["proposal"], csd_edition=csd_edition
            )
        context = {
            **self._context(
                request,
                csd_edition,
                gettext("Selection report: %(csd_edition)s") % {"csd_edition": csd_edition},
            ),
            "report": selection_report(csd_edition, proposal),
            "proposals": csd_edition.proposals.exclude(status=ProposalStatus.SUPERSEDED),
        }
        return TemplateResponse(request, "admin/civil_society/selection_report.html", context)


class DelegateInline(AuditedInline):
    model = Delegate
    fields = ["position", "full_name", "email", "gender", "country", "status", "waitlist_position"]
    readonly_fields = ["status", "waitlist_position"]
    autocomplete_fields = ["country"]


@admin.register(Application)
class ApplicationAdmin(AuditedAdmin):
    list_display = [
        "organisation",
        "csd_edition",
        "sector",
        "status",
        "source",
        "submitted_at",
        "delegate_count",
        "review_count",
        "average_score",
        "score_link",
    ]
    list_filter = ["csd_edition", "status", "source", "organisation__sector"]
    search_fields = ["organisation__organisation__name", "motivation", "delegates__full_name"]
    list_select_related = ["organisation__organisation", "csd_edition"]
    readonly_fields = ["status", "submitted_at", "submitted_by", "source", "external_ref"]
    autocomplete_fields = ["organisation"]
    inlines = [DelegateInline]
    actions = ["withdraw"]

    def save_model(self, request, obj, form, change):
        if not change:  # entered by staff on the applicant's behalf
            obj.submitted_at = timezone.now()
            obj.source = ApplicationSource.STAFF
            obj.submitted_by = request.user
        record_save(actor=request.user, instance=obj)

    def save_formset(self, request, form, formset, change):
        for delegate_form in formset.forms:
            delegate_form.instance.csd_edition_id = form.instance.csd_edition_id
        super().save_formset(request, form, formset, change)

    def has_withdraw_permission(self, request):
        return request.user.has_perm("civil_society.delete_application")

    @admin.action(
        description=_("Withdraw (selected places go to the waitlist)"), permissions=["withdraw"]
    )
    def withdraw(self, request, queryset):
        for application in queryset:
            try:
                application_withdraw(actor=request.user, application=application, reason="staff")
            except DomainError as exc:
                messages.error(request, f"{application}: {exc.detail}")

    def get_queryset(self, request):
        return (
            applications_for_user(request.user)
            .select_related(None)
            .select_related("organisation__organisation", "csd_edition")
            .prefetch_related(None)
            .annotate(
                delegate_total=Count("delegates", distinct=True),
                average=Avg("reviews__score"),
            )
        )

    @admin.display(description=_("Sector"), ordering="organisation__sector")
    def sector(self, obj):
        return obj.organisation.get_sector_display()

    @admin.display(description=_("Delegates"), ordering="delegate_total")
    def delegate_count(self, obj):
        return obj.delegate_total

    @admin.display(description=_("Reviews"), ordering="review_total")
    def review_count(self, obj):
        return obj.review_total

    @admin.display(description=_("Average score"), ordering="average")
    def average_score(self, obj):
        return f"{obj.average:.2f}" if obj.average is not None else "-"

    @admin.display(description=_("Review"))
    def score_link(self, obj):
        url = reverse("admin:civil_society_application_score", args=[obj.pk])
        return format_html('<a class="score-link" href="{}">{}</a>', url, gettext("Score"))

    def get_urls(self):
        return [
            path(
                "<int:pk>/score/",
                self.admin_site.admin_view(self.score_view),
                name="civil_society_application_score",
            ),
            *super().get_urls(),
        ]

    def score_view(self, request, pk):
        """A reviewer scores the application; a conflicted reviewer is told why not."""
        application = get_object_or_404(
            applications_for_user(request.user)
            | Application.objects.filter(
                csd_edition__committee__user=request.user,
                csd_edition__committee__is_reviewer=True,
            ),
            pk=pk,
        )
        application = Application.objects.select_related(
            "organisation__organisation", "csd_edition"
        ).get(pk=application.pk)
        seat = reviewer_seat(request.user, application)
        conflict = conflict_of_interest(seat, application) if seat else None
        own = (
            Review.objects.filter(application=application, reviewer=seat).first() if seat else None
        )
        form = ScoreForm(
            request.POST or None,
            initial={"score": own.score, "comment": own.comment} if own else None,
        )
        if request.method == "POST" and seat and not conflict and form.is_valid():
            try:
                review_submit(actor=request.user, application=application, **form.cleaned_data)
                messages.success(
                    request,
                    gettext("Your score for %(organisation)s is saved.")
                    % {"organisation": application.organisation},
                )
                return redirect("admin:civil_society_application_changelist")
            except DomainError as exc:
                messages.error(request, exc.detail)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": application,
            "title": gettext("Score: %(organisation)s")
            % {"organisation": application.organisation},
            "application": application,
            "delegates": application.delegates.select_related("country").order_by("position"),
            "seat": seat,
            "conflict": conflict,
            "form": form,
            "own": own,
        }
        return TemplateResponse(request, "admin/civil_society/score.html", context)


@admin.register(Review)
class ReviewAdmin(AuditedAdmin):
    list_display = ["application", "reviewer", "score", "updated_at"]
    list_select_related = [
        "application__organisation__organisation",
        "reviewer__user",
        "reviewer__csd_edition",
    ]
    list_filter = ["application__csd_edition"]
    readonly_fields = ["reviewer_organisation", "applicant_organisation"]

    def get_queryset(self, request):
        return reviews_for_user(request.user).select_related(
            "application__organisation__organisation",
            "application__csd_edition",
            "reviewer__csd_edition",
        )

    def has_add_permission(self, request):
        return False  # reviewers score on the application's Score page (conflict checks)

    def save_model(self, request, obj, form, change):
        review_submit(
            actor=request.user, application=obj.application, score=obj.score, comment=obj.comment
        )


class ProposalEntryInline(AuditedInline):
    model = ProposalEntry
    fields = [
        "rank",
        "delegate",
        "average_score",
        "effective_score",
        "proposed_outcome",
        "outcome",
        "waitlist_position",
        "reason",
        "adjustment_note",
    ]
    readonly_fields = fields
    can_delete = False
    show_change_link = False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("delegate__application__organisation__organisation")
        )

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SelectionProposal)
class SelectionProposalAdmin(AuditedAdmin):
    list_display = [
        "__str__",
        "status",
        "places",
        "created_by",
        "created_at",
        "confirmed_at",
        "entry_count",
    ]
    list_filter = ["status", "csd_edition"]
    list_select_related = ["csd_edition", "created_by"]
    readonly_fields = [
        "csd_edition",
        "status",
        "places",
        "policy_snapshot",
        "created_by",
        "confirmed_by",
        "confirmed_at",
    ]
    inlines = [ProposalEntryInline]

    def get_queryset(self, request):
        return proposals_for_user(request.user).select_related("csd_edition", "created_by")

    @admin.display(description=_("Entries"), ordering="entry_total")
    def entry_count(self, obj):
        return obj.entry_total

    def has_add_permission(self, request):
        return False  # proposals come from "Run proposed selection" on the review screen

    def has_change_permission(self, request, obj=None):
        return False
