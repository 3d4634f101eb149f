"""Passport data are deleted a configurable number of days after the meeting (the
registration's `passport_retention_days`), by a daily task. Idempotent."""

from datetime import date, timedelta

from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from gfmd.platform.services.activity import log_action
from registration.models import PassportData, Registration


def registrations_due_for_purge(today: date | None = None):
    today = today or timezone.localdate()
    candidates = (
        Registration.objects.filter(passport_data_purged_at__isnull=True)
        .annotate(meeting_ended=Coalesce("meeting__end_date", "meeting__start_date"))
        .select_related("meeting")
        .order_by("id")
    )
    return [
        r for r in candidates if r.meeting_ended + timedelta(days=r.passport_retention_days) < today
    ]


def passport_data_purge(*, today: date | None = None) -> int:
    """Delete the passport data of every registration past its retention; returns how many
    rows went. Each registration in its own transaction, logged without any of the data."""
    removed = 0
    for registration in registrations_due_for_purge(today):
        with transaction.atomic():
            count, _ = PassportData.objects.filter(participant__registration=registration).delete()
            registration.passport_data_purged_at = timezone.now()
            registration.save(update_fields=["passport_data_purged_at"])
            log_action(None, registration, "registration.passport_data_purged", {"deleted": count})
            removed += count
    return removed
