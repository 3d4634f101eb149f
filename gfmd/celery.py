"""Celery application. Without CELERY_BROKER_URL, tasks run eagerly in-process (see settings)."""

import logging
import os

from celery import Celery

logger = logging.getLogger(__name__)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gfmd.settings")

app = Celery("gfmd")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def enqueue_on_commit(task_name: str, **kwargs) -> None:
    """Send a task by its registered name once the current transaction commits.

    Services call this instead of importing tasks (tasks sit above services); a rolled
    back change therefore never sends anything.
    """
    from django.db import transaction

    def send():
        if task_name not in app.tasks:
            app.loader.import_default_modules()  # autodiscovered <app>/tasks.py modules
        try:
            app.tasks[task_name].delay(**kwargs)
        except Exception:  # broker down: the work is in the database; a sweep sends it later
            logger.warning(
                "Could not enqueue %s; left for the periodic sweep", task_name, exc_info=True
            )

    transaction.on_commit(send)
