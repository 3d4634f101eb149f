"""Celery application. Without CELERY_BROKER_URL, tasks run eagerly in-process (see settings)."""

import os

from celery import Celery
from django.apps import apps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gfmd.config.settings")

app = Celery("gfmd")
app.config_from_object("django.conf:settings", namespace="CELERY")
# <app>/tasks.py of every installed app, and the platform kernel's tasks.
app.autodiscover_tasks(
    lambda: [*(config.name for config in apps.get_app_configs()), "gfmd.platform"]
)
