"""Applications with their delegates, the reviewer's scoring page, reviews and selection
proposals with their entries."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Avg, Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civil_society.enums import ApplicationSource, Sector
from civil_society.models import (
    Application,
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
from civil_society.services.applications import application_withdraw
from civil_society.services.reviews import conflict_of_interest, review_submit, reviewer_seat
from gfmd.platform.admin.base import AuditedAdmin, AuditedInline
from gfmd.platform.admin.widgets import sentence
from gfmd.platform.errors import DomainError
from gfmd.platform.services.records import record_save


class ScoreForm(forms.Form):
    score = forms.IntegerField(label=_("Score"), min_value=SCORE_MIN, max_value=SCORE_MAX)
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


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
        "policy",
        "created_by",
        "confirmed_by",
        "confirmed_at",
    ]
    inlines = [ProposalEntryInline]

    def get_queryset(self, request):
        return proposals_for_user(request.user).select_related("csd_edition", "created_by")

    @admin.display(description=_("Policy applied"))
    def policy(self, obj):
        """The snapshot of the policy this run used, one line per setting, in words."""
        fields = {f.name: f.verbose_name for f in SelectionPolicy._meta.fields}
        lines = [
            (
                capfirst(str(fields.get(name, _("warnings")))),
                sentence(value, Sector.choices if name == "sector_minimums" else None),
            )
            for name, value in (obj.policy_snapshot or {}).items()
        ]
        return format_html_join("", "<div><b>{}</b>: {}</div>", lines) or "-"

    @admin.display(description=_("Entries"), ordering="entry_total")
    def entry_count(self, obj):
        return obj.entry_total

    def has_add_permission(self, request):
        return False  # proposals come from "Run proposed selection" on the review screen

    def has_change_permission(self, request, obj=None):
        return False
