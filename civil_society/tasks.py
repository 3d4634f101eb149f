"""Thin Celery tasks: reload by id, call a service; stop quietly if the object is gone."""

from celery import shared_task

from civil_society.services.delegates import delegate_notify_decision


@shared_task(name="civil_society.notify_delegate_decision")
def notify_delegate_decision(*, delegate_id: int, status: str, language: str | None = None) -> bool:
    """Queue the decision email (selected / waitlisted / declined) once per delegate and status,
    in `language` (default: the worker's active language)."""
    return delegate_notify_decision(delegate_id=delegate_id, status=status, language=language)
