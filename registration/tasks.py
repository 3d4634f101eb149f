"""Thin Celery tasks: reload by id, call a service; stop quietly if the object is gone."""

from celery import shared_task

from registration.services.badges import badge_batch_run
from registration.services.privacy import passport_data_purge


@shared_task(name="registration.purge_passport_data")
def purge_passport_data() -> int:
    """Daily (beat): delete passport data past each registration's retention."""
    return passport_data_purge()


@shared_task(name="registration.badge_batch_run")
def run_badge_batch(*, batch_id: int) -> int | None:
    """Make a badge batch's sheets, counting progress in the batch row."""
    batch = badge_batch_run(batch_id=batch_id)
    return batch.done if batch is not None else None
