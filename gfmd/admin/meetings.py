from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gfmd.exports import ATTENDANCE_COLUMNS
from gfmd.models import AgendaItem, Attendance, Meeting
from gfmd.platform.admin.base import AuditedAdmin, AuditedInline
from gfmd.platform.admin.exports import ExportActionsMixin
from gfmd.services.meetings import meeting_send_invitations


class AgendaItemInline(AuditedInline):
    model = AgendaItem


class AttendanceInline(AuditedInline):
    model = Attendance
    autocomplete_fields = ["country", "organisation", "mechanism"]


@admin.register(Meeting)
class MeetingAdmin(AuditedAdmin):
    list_display = [
        "title",
        "body",
        "edition",
        "start_date",
        "end_date",
        "place",
        "attendance_count",
    ]
    list_filter = ["body", "edition", "is_virtual", "working_group"]
    search_fields = ["title", "city", "notes"]
    autocomplete_fields = ["edition", "country", "working_group"]
    list_select_related = ["edition", "country"]
    date_hierarchy = "start_date"
    inlines = [AgendaItemInline, AttendanceInline]
    actions = ["send_invitations"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(attendance_total=Count("attendances"))

    @admin.display(description=_("Place"))
    def place(self, obj):
        if obj.is_virtual and not obj.city:
            return "Virtual"
        return f"{obj.city}, {obj.country}" if obj.country else obj.city

    @admin.display(description=_("Attendance"), ordering="attendance_total")
    def attendance_count(self, obj):
        return obj.attendance_total

    @admin.action(
        description=_("Send invitations to the attending bodies' focal points"),
        permissions=["change"],
    )
    def send_invitations(self, request, queryset):
        total = sum(meeting_send_invitations(actor=request.user, meeting=m) for m in queryset)
        messages.success(
            request,
            ngettext("%(count)d invitation queued.", "%(count)d invitations queued.", total)
            % {"count": total},
        )


@admin.register(Attendance)
class AttendanceAdmin(ExportActionsMixin, AuditedAdmin):
    """Attendance across meetings, for logistics lists and exports."""

    export_name, export_columns = "attendance", ATTENDANCE_COLUMNS
    list_display = ["meeting", "country", "organisation", "mechanism", "role", "attended"]
    list_filter = ["role", "attended", "meeting__body", "meeting__edition"]
    search_fields = ["meeting__title", "country__name", "organisation__name"]
    autocomplete_fields = ["meeting", "country", "organisation", "mechanism"]
    list_select_related = ["meeting", "country", "organisation", "mechanism"]
