"""The deployment checks and the `make run` path (SQLite, eager Celery) work as documented."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, env_extra, timeout=240):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_production_settings_pass_check_deploy():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "DEBUG": "false",
            "SECRET_KEY": "a-long-random-production-secret-key-" + "x" * 40,
            "ALLOWED_HOSTS": "gfmd.example.org",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/gfmd",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_secret_key():
    result = _manage("check", env_extra={"DEBUG": "false", "SECRET_KEY": ""})
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


@pytest.mark.slow
def test_embedded_defaults_migrate_and_load_demo_on_sqlite(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite3'}"}
    assert _manage("migrate", "--noinput", env_extra=env).returncode == 0
    first = _manage("load_demo", env_extra=env)
    again = _manage("load_demo", env_extra=env)
    assert first.returncode == 0, first.stderr
    assert "Staff login" in first.stdout and "already loaded" in again.stdout
    verify = _manage("verify_activity_log", env_extra=env)
    assert verify.returncode == 0 and "intact" in verify.stdout
    # Country search ignores case and diacritics on SQLite too (a folded column, no unaccent).
    search = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from gfmd.models import Country; from gfmd.selectors.records import countries_matching\n"
        "for t in ('COTE D’IVOIRE', 'turkey', 'Türkiye', 'swaziland', '384'):\n"
        "    print(*countries_matching(Country.objects.all(), t).values_list('iso3', flat=True))",
        env_extra=env,
    )
    assert search.stdout.split() == ["CIV", "TUR", "TUR", "SWZ", "CIV"], search.stderr


@pytest.mark.django_db
def test_repeated_queries_run_as_prepared_statements_on_postgresql():
    """Server-side binding with psycopg's prepare threshold: a query shape run often is
    planned once per connection (settings.DATABASES; docs/performance.md)."""
    from django.db import connection

    from gfmd.models import Country

    assert connection.vendor == "postgresql"
    connection.ensure_connection()
    for _ in range(connection.connection.prepare_threshold + 1):
        list(Country.objects.filter(iso3="DEU"))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%FROM "gfmd_country" WHERE "gfmd_country"."iso3" = $1%'],
        )
        assert cursor.fetchone()[0] == 1
