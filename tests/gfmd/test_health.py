import pytest


@pytest.mark.django_db
def test_health_reports_database_ok(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "eager"}


@pytest.mark.django_db
def test_health_checks_the_broker(client, settings):
    import os

    settings.CELERY_BROKER_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    from gfmd.config.celery import app

    saved = app.conf.broker_url
    try:
        app.conf.broker_url = settings.CELERY_BROKER_URL
        assert client.get("/health/").json()["broker"] == "ok"
        app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens there
        response = client.get("/health/")
        assert response.status_code == 503 and response.json()["broker"] == "unavailable"
    finally:
        app.conf.broker_url = saved


@pytest.mark.django_db
def test_database_errors_answer_503_with_retry_after(client, monkeypatch):
    from django.db import OperationalError

    from gfmd.api import views

    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.sel, "organisations_for_user", down)
    from tests.factories import StaffFactory

    client.force_login(StaffFactory())
    response = client.get("/api/v1/organisations/")
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert response.json()["type"] == "service_unavailable"


@pytest.mark.django_db
def test_a_database_error_in_a_middleware_is_the_same_503(monkeypatch):
    # the session read from the database (no Redis) by the first middleware that asks
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import OperationalError
    from django.test import Client

    from tests.factories import StaffFactory

    client = Client(raise_request_exception=False)
    client.force_login(StaffFactory())

    def down(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr(SessionStore, "load", down)
    response = client.get("/api/v1/organisations/")
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert response.json()["type"] == "service_unavailable"
    # any other error is still Django's 500
    monkeypatch.setattr(SessionStore, "load", lambda self: 1 / 0)
    assert client.get("/api/v1/organisations/").status_code == 500


def test_api_root_and_schema_are_served(client, db):
    assert client.get("/api/v1/").status_code == 200
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/v1/editions/" in schema.content
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs.lower() and "cdn" not in docs.lower()  # assets served locally
