"""Thin Celery tasks: call a service."""

from celery import shared_task

from registration.services.privacy import passport_data_purge


@shared_task(name="registration.purge_passport_data")
def purge_passport_data() -> int:
    """Daily (beat): delete passport data past each registration's retention."""
    return passport_data_purge()
