"""The governance core's answer to "which language does this user read?" when they saved
no preference: the language of their current focal-point record (the most recent one).
Handed to the platform at start-up (GfmdConfig.ready -> register_language_source)."""

from datetime import date

from django.db.models import Q

from gfmd.models import FocalPoint


def focal_point_language(user) -> str | None:
    today = date.today()
    return (
        FocalPoint.objects.filter(user_id=user.pk, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .order_by("-start_date", "-id")
        .values_list("language", flat=True)
        .first()
    )
