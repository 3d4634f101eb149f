"""Enqueue Celery tasks after commit, by name (services never import tasks)."""

import logging

from celery import current_app

logger = logging.getLogger(__name__)


def enqueue_on_commit(task_name: str, **kwargs) -> None:
    """Send a task by its registered name once the current transaction commits.

    Services call this instead of importing tasks (tasks sit above services); a rolled
    back change therefore never sends anything.
    """
    from django.db import transaction

    def send():
        if task_name not in current_app.tasks:
            current_app.loader.import_default_modules()  # autodiscovered <app>/tasks.py modules
        try:
            current_app.tasks[task_name].delay(**kwargs)
        except Exception:  # broker down: the work is in the database; a sweep sends it later
            logger.warning(
                "Could not enqueue %s; left for the periodic sweep", task_name, exc_info=True
            )

    transaction.on_commit(send)
