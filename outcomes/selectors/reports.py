"""Read queries of IMRF reports: drafts are the Support Unit's, approved ones public."""

from gfmd.platform.roles import is_support_staff
from outcomes.enums import ReportState
from outcomes.models import IMRFReport, ReportSection


def reports_for_user(user):
    queryset = IMRFReport.objects.order_by("-year_to", "-id")
    if is_support_staff(user):
        return queryset
    return queryset.filter(state=ReportState.APPROVED)


def sections_for_user(user, *, report_id: int | None = None):
    queryset = ReportSection.objects.select_related("objective").order_by(
        "report_id", "position", "id"
    )
    if not is_support_staff(user):
        queryset = queryset.filter(report__state=ReportState.APPROVED)
    if report_id is not None:
        queryset = queryset.filter(report_id=report_id)
    return queryset
