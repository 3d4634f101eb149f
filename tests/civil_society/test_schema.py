"""Schema conformance found by Schemathesis (tests/api/test_schemathesis.py): what the CSD
endpoints answer is what the OpenAPI schema declares."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from tests.civil_society.factories import CSOFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_organisation_without_headquarters_is_nullable_in_the_schema(schema, staff, api):
    response = api(staff).post(
        "/api/v1/csd/organisations/", {"name": "No Fixed Abode Network", "sector": "academia"}
    )

    assert response.status_code == 201, response.content
    assert response.json()["headquarters"] is None
    field = schema["components"]["schemas"]["CSDCivilSocietyOrganisation"]["properties"]
    assert field["headquarters"]["nullable"] is True


def test_duplicates_answer_the_declared_bare_list(schema, staff, api):
    CSOFactory(name="Migrant Forum in Asia")
    response = api(staff).get("/api/v1/csd/organisations/duplicates/?name=Migrant+Forum+in+Asia")

    assert response.status_code == 200
    assert isinstance(response.json(), list) and response.json()[0]["reasons"]
    declared = schema["paths"]["/api/v1/csd/organisations/duplicates/"]["get"]["responses"]["200"]
    body = declared["content"]["application/json"]["schema"]
    assert body["type"] == "array"
    assert body["items"] == {"$ref": "#/components/schemas/CSDDuplicateMatch"}


def test_cursor_paginated_lists_are_declared_as_cursor_pages(schema):
    for path in ("/api/v1/csd/applications/", "/api/v1/csd/reviews/"):
        operation = schema["paths"][path]["get"]
        assert "cursor" in {p["name"] for p in operation["parameters"]}, path
        ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        page = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
        assert "count" not in page["properties"] and "next" in page["properties"], path


def test_application_submission_declares_the_idempotency_key(schema):
    operation = schema["paths"]["/api/v1/csd/applications/"]["post"]
    assert "Idempotency-Key" in {p["name"] for p in operation.get("parameters", [])}
    assert operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "CSDApplicationSubmitRequest"
    )


def test_country_with_a_nul_character_is_a_400_not_a_500(csd, staff, api):
    client = api(staff)
    organisation = client.post(
        "/api/v1/csd/organisations/",
        {"name": "Nul Network", "sector": "academia", "headquarters": "K\x00EN"},
    )
    application = client.post(
        "/api/v1/csd/applications/",
        {
            "csd_edition": csd.pk,
            "organisation": CSOFactory().pk,
            "motivation": "m",
            "delegates": [{"full_name": "X", "email": "x@example.org", "country": "\x00"}],
        },
        format="json",
    )

    assert organisation.status_code == 400 and "headquarters" in organisation.json()["fields"]
    assert application.status_code == 400 and "delegates" in application.json()["fields"]
