"""Thin Celery tasks: reload by id, call a service; stop quietly if the object is gone."""

from celery import shared_task

from outcomes.services.reports import report_generate


@shared_task(name="outcomes.generate_imrf_report")
def generate_imrf_report(*, report_id: int) -> bool:
    return report_generate(report_id=report_id)
