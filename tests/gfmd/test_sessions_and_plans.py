"""Sessions read through Redis when it is the cache (never through a per-process cache),
and prepared statements survive a column type change made by another connection."""

import os
import uuid

import psycopg
import pytest
from django.db import connection
from django.test import override_settings

from tests.gfmd.test_setup import _manage

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def test_session_engine_follows_the_cache():
    show = ["shell", "-c", "from django.conf import settings; print(settings.SESSION_ENGINE)"]
    with_redis = _manage(*show, env_extra={"CACHE_URL": REDIS_URL})
    without = _manage(*show, env_extra={"CACHE_URL": ""})
    engines = [
        run.stdout.strip().splitlines()[-1].rsplit(".", 1)[-1] for run in (with_redis, without)
    ]
    assert engines == ["cached_db", "db"]


@pytest.mark.django_db
def test_cached_sessions_spare_the_session_table(client, staff, django_assert_num_queries):
    caches = {
        "default": {
            "BACKEND": "gfmd.config.cache.ReusingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": uuid.uuid4().hex,
        }
    }
    engine = "django.contrib.sessions.backends.cached_db"
    with override_settings(CACHES=caches, SESSION_ENGINE=engine):
        client.force_login(staff)
        client.get("/api/v1/editions/")  # warm
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/editions/").status_code == 200
        assert not [q for q in ctx.captured_queries if "django_session" in q["sql"]]
        # the user too comes from Redis, still verified against the snapshot's session
        # hash (tests/gfmd/test_auth_cache.py: every change that must end it does)
        assert not [q for q in ctx.captured_queries if "auth_user" in q["sql"]]


SCRATCH = "gfmd_test_plan_scratch"


@pytest.fixture
def scratch_table():
    dsn = connection.settings_dict
    url = f"postgresql://{dsn['USER']}@{dsn['HOST']}:{dsn['PORT']}/{dsn['NAME']}"
    with psycopg.connect(url, autocommit=True) as other:
        other.execute(f"CREATE TABLE {SCRATCH} (id int, name varchar(10))")
        other.execute(f"INSERT INTO {SCRATCH} VALUES (1, 'a')")
        yield other
        other.execute(f"DROP TABLE {SCRATCH}")


def _read():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, name FROM {SCRATCH} WHERE id = %s", [1])
        return cursor.fetchone()


@pytest.mark.django_db(transaction=True)
def test_prepared_statement_is_replanned_after_another_connection_alters_its_table(
    scratch_table,
):
    connection.ensure_connection()
    for _ in range(connection.connection.prepare_threshold + 2):
        assert _read() == (1, "a")
    scratch_table.execute(f"ALTER TABLE {SCRATCH} ALTER COLUMN name TYPE varchar(20)")
    assert _read() == (1, "a")  # without the wrapper: "cached plan must not change result type"
    assert _read() == (1, "a")


def test_stale_plan_inside_a_transaction_answers_503_not_500(rf):
    from django.db import NotSupportedError

    from gfmd.config.middleware import DatabaseUnavailableMiddleware

    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    error = NotSupportedError("cached plan must not change result type")
    response = middleware.process_exception(rf.get("/api/v1/sessions/"), error)
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert middleware.process_exception(rf.get("/"), NotSupportedError("other")) is None


@pytest.mark.django_db
def test_long_page_statements_are_converted_once_per_process(api, staff, monkeypatch):
    from django.test.utils import CaptureQueriesContext
    from psycopg import _queries

    from gfmd.config.db import LONG_STATEMENT
    from tests.roundtables.factories import build_programme, edition_2020

    edition = edition_2020()
    build_programme(edition, 3)
    client = api(staff)
    url = f"/api/v1/sessions/?roundtable__edition={edition.pk}"  # (a parameter to place)
    client.get(url)  # converted (and kept) here
    uncached = []
    convert = _queries._query2pg_nocache  # what psycopg calls for statements it does not keep
    monkeypatch.setattr(
        _queries,
        "_query2pg_nocache",
        lambda query, enc: uncached.append(query) or convert(query, enc),
    )
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    page = max(len(q["sql"].encode()) for q in ctx.captured_queries)
    # the page statement is longer than psycopg keeps by default, shorter than the limit
    assert 4096 < page < LONG_STATEMENT
    assert uncached == []
