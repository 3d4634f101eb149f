"""Admin: visa letters (issued and re-issued from here), badges and badge sheet batches."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from rules.contrib.admin import ObjectPermissionsModelAdmin

from gfmd.platform.admin.base import ReadOnlyAdminMixin
from gfmd.platform.errors import DomainError
from gfmd.platform.pdf import pdf_download
from registration.models import Badge, BadgeBatch, BatchState, Participant, Registration, VisaLetter
from registration.services.badges import badge_batch_start, badge_pdf, badge_reissue, badge_revoke
from registration.services.letters import visa_letter_issue, visa_letters_issue_due


class IssueLetterForm(forms.Form):
    participant = forms.ModelChoiceField(
        queryset=Participant.objects.filter(visa_letter_needed=True).order_by("full_name", "id"),
        label=_("participant"),
    )
    reason = forms.CharField(
        label=_("reason for re-issue"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed only when the participant already has a letter."),
    )


@admin.action(description=_("Issue visa letters still owed"))
def issue_visa_letters(modeladmin, request, queryset):
    """For a participant changelist (by participant) or a registration changelist."""
    issued, refused = 0, []
    for obj in queryset:
        try:
            if isinstance(obj, Registration):
                issued += len(visa_letters_issue_due(actor=request.user, registration=obj))
            else:
                visa_letter_issue(actor=request.user, participant=obj)
                issued += 1
        except DomainError as exc:
            refused.append(f"{obj}: {exc.detail}")
    messages.success(
        request,
        ngettext("%(n)d visa letter issued.", "%(n)d visa letters issued.", issued) % {"n": issued},
    )
    for line in refused:
        messages.error(request, line)


@admin.register(VisaLetter)
class VisaLetterAdmin(ReadOnlyAdminMixin, ObjectPermissionsModelAdmin):
    list_display = ["number", "participant", "language", "issued_at", "issued_by", "current", "pdf"]
    list_filter = ["registration", "language"]
    search_fields = ["number", "participant__full_name"]
    list_select_related = ["participant", "issued_by"]
    raw_id_fields = ["participant"]
    readonly_fields = [f.name for f in VisaLetter._meta.fields if f.name != "file"]
    exclude = ["file"]

    @admin.display(description=_("current"), boolean=True)
    def current(self, obj):
        return obj.superseded_at is None

    @admin.display(description=_("PDF"))
    def pdf(self, obj):
        url = reverse("admin:registration_visaletter_download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Download"))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("issue/", view(self.issue_view), name="registration_visaletter_issue"),
            path(
                "<int:pk>/download/",
                view(self.download_view),
                name="registration_visaletter_download",
            ),
            *super().get_urls(),
        ]

    def download_view(self, request, pk):
        letter = get_object_or_404(VisaLetter, pk=pk)
        if not request.user.has_perm("registration.download_visaletter", letter):
            raise PermissionDenied
        return pdf_download(letter.file, f"{letter.number}.pdf")

    def issue_view(self, request):
        """Issue a participant's letter, or re-issue it with a reason."""
        if not request.user.has_perm("registration.issue_visaletter"):
            raise PermissionDenied
        form = IssueLetterForm(request.POST or None, initial=request.GET.dict())
        if request.method == "POST" and form.is_valid():
            try:
                letter = visa_letter_issue(
                    actor=request.user,
                    participant=form.cleaned_data["participant"],
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as exc:
                form.add_error("reason" if exc.code == "already_issued" else None, exc.detail)
            else:
                messages.success(
                    request, gettext("Letter %(number)s issued.") % {"number": letter.number}
                )
                return redirect("admin:registration_visaletter_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": gettext("Issue a visa invitation letter"),
        }
        return TemplateResponse(request, "admin/registration/issue_letter.html", context)


@admin.register(Badge)
class BadgeAdmin(ReadOnlyAdminMixin, ObjectPermissionsModelAdmin):
    list_display = ["participant", "version", "revoked_at", "revoked_reason", "pdf"]
    list_filter = ["participant__registration", "participant__category"]
    search_fields = ["participant__full_name"]
    list_select_related = ["participant"]
    actions = ["reissue"]

    @admin.display(description=_("PDF"))
    def pdf(self, obj):
        url = reverse("admin:registration_badge_pdf", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Print"))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/pdf/", view(self.pdf_view), name="registration_badge_pdf"),
            path("<int:pk>/revoke/", view(self.revoke_view), name="registration_badge_revoke"),
            *super().get_urls(),
        ]

    def pdf_view(self, request, pk):
        badge = get_object_or_404(Badge.objects.select_related("participant"), pk=pk)
        if not request.user.has_perm("registration.download_badge", badge):
            raise PermissionDenied
        try:
            content = badge_pdf(participant=badge.participant)
        except DomainError as exc:
            messages.error(request, exc.detail)
            return redirect("admin:registration_badge_changelist")
        return pdf_download(content, f"badge-{badge.participant_id}.pdf")

    def revoke_view(self, request, pk):
        badge = get_object_or_404(Badge.objects.select_related("participant"), pk=pk)
        if request.method != "POST" or not request.user.has_perm(
            "registration.revoke_badge", badge
        ):
            raise PermissionDenied
        try:
            badge_revoke(
                actor=request.user,
                participant=badge.participant,
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, gettext("The badge is revoked."))
        except DomainError as exc:
            messages.error(request, exc.detail)
        return redirect("admin:registration_badge_changelist")

    @admin.action(description=_("Re-issue (earlier printouts stop verifying)"))
    def reissue(self, request, queryset):
        if not request.user.has_perm("registration.revoke_badge"):
            raise PermissionDenied
        for badge in queryset.select_related("participant"):
            try:
                badge_reissue(actor=request.user, participant=badge.participant)
            except DomainError as exc:
                messages.error(request, f"{badge.participant}: {exc.detail}")


@admin.register(BadgeBatch)
class BadgeBatchAdmin(ReadOnlyAdminMixin, ObjectPermissionsModelAdmin):
    list_display = ["registration", "state", "done", "total", "created_at", "finished_at", "pdf"]
    list_filter = ["state", "registration"]
    list_select_related = ["registration__meeting"]

    @admin.display(description=_("PDF"))
    def pdf(self, obj):
        if obj.state != BatchState.DONE:
            return "-"
        url = reverse("admin:registration_badgebatch_download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Download"))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/download/",
                view(self.download_view),
                name="registration_badgebatch_download",
            ),
            path("start/", view(self.start_view), name="registration_badgebatch_start"),
            *super().get_urls(),
        ]

    def download_view(self, request, pk):
        batch = get_object_or_404(BadgeBatch, pk=pk, state=BatchState.DONE)
        if not request.user.has_perm("registration.download_badgebatch", batch):
            raise PermissionDenied
        return pdf_download(batch.file, f"badges-{batch.registration_id}-{batch.pk}.pdf")

    def start_view(self, request):
        if request.method != "POST" or not request.user.has_perm("registration.add_badgebatch"):
            raise PermissionDenied
        registration = get_object_or_404(Registration, pk=request.POST.get("registration"))
        badge_batch_start(actor=request.user, registration=registration)
        messages.success(request, gettext("Badge sheets are being made; reload to see progress."))
        return redirect("admin:registration_badgebatch_changelist")
