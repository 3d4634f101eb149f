"""The review screen of a CSD edition (scores, conflicts, proposed selection with its
explanation, adjust, confirm) and the selection report."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civil_society.enums import ApplicationStatus, Outcome, ProposalStatus, Sector
from civil_society.models import (
    AdvisoryCommitteeMember,
    CSDEdition,
    ProposalEntry,
    SelectionPolicy,
    SelectionProposal,
)
from civil_society.selectors.selection import (
    SCORE_BANDS,
    ReviewFilters,
    current_proposal,
    proposal_entries,
    review_applications,
    review_screen,
    selection_report,
)
from civil_society.services.editions import csd_edition_save
from civil_society.services.selection import proposal_adjust, proposal_confirm, proposal_run
from gfmd.enums import M49_REGIONS
from gfmd.platform.admin.base import AuditedAdmin
from gfmd.platform.errors import DomainError
from gfmd.platform.transitions import allowed_transitions


class AdjustForm(forms.Form):
    entry = forms.IntegerField()
    outcome = forms.ChoiceField(choices=Outcome.choices)
    note = forms.CharField()


class ReviewFilterForm(forms.Form):
    """The review screen's filters (GET); every field optional."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    band = forms.ChoiceField(label=_("Average score"), required=False)
    reviewer = forms.TypedChoiceField(
        label=_("Reviewed by"), required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, csd_edition, *args, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["sector"].choices = every + list(Sector.choices)
        self.fields["region"].choices = every + [(r, r) for r in M49_REGIONS]
        self.fields["band"].choices = (
            every + [("none", _("Not reviewed yet"))] + [(b, b) for b in SCORE_BANDS]
        )
        members = AdvisoryCommitteeMember.objects.filter(
            csd_edition=csd_edition, is_reviewer=True
        ).select_related("user")
        self.fields["reviewer"].choices = every + [
            (m.pk, m.user.get_full_name() or m.user.get_username()) for m in members
        ]
        self.fields["status"].choices = every + list(ApplicationStatus.choices)


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
            **self._review_page(request, csd_edition),
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

    REVIEW_PAGE_SIZE = 50

    def _review_page(self, request, csd_edition) -> dict:
        """The filtered, searched and paged application table of the review screen."""
        form = ReviewFilterForm(csd_edition, request.GET or None)
        filters = ReviewFilters(**form.cleaned_data) if form.is_valid() else ReviewFilters()
        paginator = Paginator(review_applications(csd_edition, filters), self.REVIEW_PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return {
            "rows": review_screen(csd_edition, page.object_list),
            "page": page,
            "filter_form": form,
            "filter_query": query.urlencode(),
        }

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
