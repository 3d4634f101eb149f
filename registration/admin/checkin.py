"""Admin: check-ins, offline scans, and the check-in desk (scan a badge or find a name)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from rules.contrib.admin import ObjectPermissionsModelAdmin

from gfmd.platform.admin.base import ReadOnlyAdminMixin
from gfmd.platform.errors import DomainError
from registration.models import CheckIn, CheckInMethod, OfflineScan, Participant, Registration
from registration.selectors.documents import check_in_candidates
from registration.services.checkin import badge_check_in, participant_check_in


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyAdminMixin, ObjectPermissionsModelAdmin):
    list_display = ["participant", "day", "checked_in_at", "method", "checked_in_by"]
    list_filter = ["registration", "day", "method"]
    search_fields = ["participant__full_name"]
    list_select_related = ["participant", "checked_in_by"]
    date_hierarchy = "day"

    def get_urls(self):
        desk = self.admin_site.admin_view(self.desk_view)
        return [path("desk/", desk, name="registration_checkin_desk"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "desk_url": reverse("admin:registration_checkin_desk"),
        }
        return super().changelist_view(request, extra_context)

    def desk_view(self, request):
        """Scan a badge (a scanner types the code and Enter) or search a name and check in."""
        if not request.user.has_perm("registration.check_in_participant"):
            raise PermissionDenied
        registrations = Registration.objects.select_related("meeting").order_by(
            "-meeting__start_date"
        )
        chosen = request.POST.get("registration") or request.GET.get("registration")
        registration = (
            get_object_or_404(registrations, pk=chosen) if chosen else registrations.first()
        )
        outcome = None
        if request.method == "POST" and registration is not None:
            outcome = self._check_in(request)
            if outcome is not None and outcome[0] != "error":
                url = (
                    reverse("admin:registration_checkin_desk") + f"?registration={registration.pk}"
                )
                messages.add_message(
                    request,
                    messages.SUCCESS if outcome[0] == "done" else messages.WARNING,
                    outcome[1],
                )
                return redirect(url)
        query = request.GET.get("q", "")
        candidates = (
            check_in_candidates(registration_id=registration.pk, query=query)
            if registration
            else []
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Check-in desk"),
            "registrations": registrations,
            "registration": registration,
            "query": query,
            "candidates": candidates,
            "outcome": outcome,
        }
        return TemplateResponse(request, "admin/registration/checkin_desk.html", context)

    def _check_in(self, request):
        """(kind, message): done, already, or error (shown on the page, not redirected)."""
        try:
            if request.POST.get("code"):
                result = badge_check_in(actor=request.user, code=request.POST["code"])
            elif request.POST.get("participant"):
                participant = get_object_or_404(Participant, pk=request.POST["participant"])
                result = participant_check_in(
                    actor=request.user, participant=participant, method=CheckInMethod.SEARCH
                )
            else:
                return None
        except DomainError as exc:
            return "error", exc.detail
        return ("done" if result.created else "already"), result.message


@admin.register(OfflineScan)
class OfflineScanAdmin(ReadOnlyAdminMixin, ObjectPermissionsModelAdmin):
    list_display = ["device", "scan_id", "scanned_at", "outcome", "message", "received_at"]
    list_filter = ["outcome", "device"]
    search_fields = ["device", "scan_id"]
