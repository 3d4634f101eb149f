"""Thin Celery tasks: the reminders celery beat runs (lead times arrive as kwargs)."""

from celery import shared_task

from roundtables.services.reminders import remind_consultation_deadlines, remind_open_seats
from roundtables.services.versions import version_extract_pdf_text


@shared_task(name="roundtables.remind_consultation_deadlines")
def consultation_deadline_reminders(*, days_before: int = 3) -> int:
    return remind_consultation_deadlines(days_before=int(days_before))


@shared_task(name="roundtables.remind_open_seats")
def open_seat_reminders(*, weeks_before: int = 8) -> int:
    return remind_open_seats(weeks_before=int(weeks_before))


@shared_task(name="roundtables.extract_version_text")
def extract_version_text(*, version_id: int) -> int:
    """The text of an uploaded PDF version, read off the request path (for search)."""
    return version_extract_pdf_text(version_id=version_id)
