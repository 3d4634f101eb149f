"""Chair candidatures and meeting decisions as the caller may see them, and who to tell."""

from datetime import date

from django.db.models import Q

from gfmd.models import Candidature, FocalPoint, MeetingDecision
from gfmd.rules import can_read_records


def candidatures_for_user(user):
    queryset = Candidature.objects.select_related(
        "edition", "country", "endorsement", "chair"
    ).order_by("edition__ordinal", "offered_on", "id")
    return queryset if can_read_records(user) else queryset.none()


def decisions_for_user(user):
    queryset = MeetingDecision.objects.select_related(
        "agenda_item__meeting", "subject_type"
    ).order_by("decided_on", "id")
    return queryset if can_read_records(user) else queryset.none()


def country_focal_point_users(country_id: int, on: date | None = None) -> list:
    """The active focal points' users of one government, each once, in a fixed order."""
    on = on or date.today()
    points = (
        FocalPoint.objects.filter(country_id=country_id, start_date__lte=on, user__is_active=True)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("user")
        .order_by("user_id", "id")
    )
    return list({point.user_id: point.user for point in points}.values())
