import pytest


@pytest.mark.django_db
def test_health_reports_database_ok(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_api_root_and_schema_are_served(client, db):
    assert client.get("/api/v1/").status_code == 200
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/v1/editions/" in schema.content
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs.lower() and "cdn" not in docs.lower()  # assets served locally
