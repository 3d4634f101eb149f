"""`make run` prints a short banner: URLs, demo logins and where the emails go."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from gfmd import demo

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_make_run_sends_demo_emails_to_files():
    makefile = (Path(__file__).parents[2] / "Makefile").read_text()
    assert "run: export EMAIL_BACKEND ?= django.core.mail.backends.filebased.EmailBackend" in (
        makefile
    )


def test_load_demo_output_is_a_short_banner(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    out = io.StringIO()

    call_command("load_demo", stdout=out)

    lines = out.getvalue().splitlines()
    assert len(lines) < 40, lines
    text = out.getvalue()
    for url in ("/admin/", "/api/v1/", "/api/docs/", "/api/redoc/"):
        assert f"http://127.0.0.1:8000{url}" in text
    assert demo.STAFF_USERNAME in text and demo.DEMO_PASSWORD in text
    assert f"written as files to {tmp_path / 'mail'}/" in text
    assert "Subject:" not in text  # no email bodies on the console


def test_in_process_tasks_log_no_line_each(settings):
    """Without a broker (make run) the demo's hundreds of tasks run in-process: Celery's
    per-task INFO line and kombu's hostname warning are kept off the console."""
    import logging

    if not settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.skip("a broker is configured: a worker's task lines are its own log")
    assert logging.getLogger("celery.app.trace").getEffectiveLevel() == logging.WARNING
    assert logging.getLogger("kombu.connection").getEffectiveLevel() == logging.ERROR
