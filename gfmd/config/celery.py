"""Celery application. Without CELERY_BROKER_URL, tasks run eagerly in-process (see settings)."""

import os
import sys
from pathlib import Path

from celery import Celery
from django.apps import apps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gfmd.config.settings")

PROJECT_ROOT = str(Path(__file__).resolve().parents[2])

app = Celery("gfmd")
# Celery's Django fix-up puts the working directory first on sys.path. Run from inside an
# app (makemessages there refreshes only that app's catalogue: docs/i18n.md) that made
# `import rules` find the app's own rules.py instead of django-rules; only the project
# root belongs there.
if sys.path and sys.path[0] == os.getcwd() and os.getcwd() != PROJECT_ROOT:
    sys.path.pop(0)
app.config_from_object("django.conf:settings", namespace="CELERY")
# <app>/tasks.py of every installed app, and the platform kernel's tasks.
app.autodiscover_tasks(
    lambda: [*(config.name for config in apps.get_app_configs()), "gfmd.platform"]
)
