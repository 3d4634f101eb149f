"""The API root lists every resource of every app."""

import pytest

from civil_society.api.urls import router as csd_router
from gfmd.api.urls import router as gfmd_router
from roundtables.api.urls import router as roundtables_router

pytestmark = pytest.mark.django_db


def test_root_lists_every_registered_list_route(client):
    response = client.get("/api/v1/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    root = response.json()
    for router in (gfmd_router, roundtables_router, csd_router):
        for prefix, viewset, _basename in router.registry:
            if hasattr(viewset, "list"):
                assert prefix in root, prefix
                assert root[prefix].startswith("http://testserver/api/v1/")
    for resource in ("sessions", "papers", "inputs", "csd/applications", "activity"):
        assert root[resource] == f"http://testserver/api/v1/{resource}/"


def test_swagger_groups_operations_by_domain_tag():
    """docs/openapi.yaml is the generated schema (tests/api/test_schema_truth.py keeps it so)."""
    from pathlib import Path

    import yaml

    schema = yaml.safe_load((Path(__file__).parents[2] / "docs/openapi.yaml").read_text())
    tags = {tag for item in schema["paths"].values() for op in item.values() for tag in op["tags"]}
    assert "v1" not in tags
    assert {
        "Roundtables: sessions",
        "Civil Society Days: applications",
        "Platform: activity",
    } <= tags
