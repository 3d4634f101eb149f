"""The connection health check runs at most once per interval (gfmd/config/postgresql)."""

import psycopg
import pytest
from django.db import OperationalError, connection
from django.test import Client

from gfmd.config.postgresql.base import DatabaseWrapper
from tests.factories import StaffFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL backend"),
]


def next_request_query():
    """What a request does: Django's request_started handler, then a query."""
    connection.close_if_unusable_or_obsolete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def terminate(pid: int):
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


@pytest.fixture(autouse=True)
def persistent_connection(monkeypatch):
    # as in production (DB_CONN_MAX_AGE=60), whatever the test run's setting
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", None)
    monkeypatch.setitem(connection.settings_dict, "CONN_HEALTH_CHECKS", True)
    connection.close()
    yield
    connection.close()


@pytest.fixture
def checks(monkeypatch):
    seen = []
    real = DatabaseWrapper.is_usable

    def counted(self):
        seen.append(self.alias)
        return real(self)

    monkeypatch.setattr(DatabaseWrapper, "is_usable", counted)
    return seen


def test_a_connection_checked_within_the_interval_is_not_checked_again(settings, checks):
    settings.DATABASE_HEALTH_CHECK_INTERVAL = 60
    pid = next_request_query()
    assert [next_request_query() for _ in range(3)] == [pid] * 3
    assert checks == []  # a new connection counts as checked
    connection.checked_at -= 61
    next_request_query()
    next_request_query()
    assert checks == ["default"]
    settings.DATABASE_HEALTH_CHECK_INTERVAL = 0  # Django's own behaviour: every request
    next_request_query()
    next_request_query()
    assert checks == ["default"] * 3


def test_a_dropped_connection_is_replaced_once_its_interval_is_over(settings, checks):
    settings.DATABASE_HEALTH_CHECK_INTERVAL = 60
    pid = next_request_query()
    terminate(pid)
    connection.checked_at -= 61
    assert next_request_query() != pid  # checked, found dead, reconnected: no error
    assert checks == ["default"]


def test_a_connection_dropped_inside_its_interval_fails_one_request_with_503(settings):
    settings.DATABASE_HEALTH_CHECK_INTERVAL = 60
    client = Client(raise_request_exception=False)
    client.force_login(StaffFactory())
    assert client.get("/api/v1/countries/").status_code == 200
    pid = next_request_query()
    terminate(pid)
    with pytest.raises(OperationalError):
        next_request_query()  # not checked: the query itself finds it dead
    connection.close_if_unusable_or_obsolete()  # the end of that request closes it
    assert next_request_query() != pid
    terminate(connection.connection.info.backend_pid)
    response = client.get("/api/v1/countries/")
    assert response.status_code == 503 and response.json()["type"] == "service_unavailable"
    assert client.get("/api/v1/countries/").status_code == 200  # connected afresh
