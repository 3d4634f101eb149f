"""A write's object lookup (404 outside the caller's scope, 403 without the right) reads
only what the object rules need; the service then reads, and locks, its own copy."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roundtables.enums import PaperState
from tests.factories import country
from tests.roundtables.factories import add_input, set_state

pytestmark = pytest.mark.django_db


def _first_select_of(queries, table: str) -> str:
    return next(
        q["sql"] for q in queries if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"]
    )


def test_decide_checks_the_input_with_its_paper_only(world, api):
    paper = set_state(world.paper, PaperState.CONSULTATION)
    item = add_input(paper, country=country("BRA"))
    with CaptureQueriesContext(connection) as captured:
        response = api(world.users["cochair"]).post(
            f"/api/v1/inputs/{item.pk}/decide/",
            {"decision": "included", "reason": "Backed by two studies"},
            format="json",
        )
    assert response.status_code == 200, response.json()
    check = _first_select_of(captured.captured_queries, "roundtables_input")
    assert check.count(" JOIN ") == 1 and '"roundtables_workingpaper"' in check
    assert "FOR UPDATE" not in check  # the service's own read is the locked one
    assert any("FOR UPDATE" in q["sql"] for q in captured.captured_queries)


def test_submit_checks_the_paper_with_its_session_only(world, api):
    paper = set_state(world.paper, PaperState.CONSULTATION)
    with CaptureQueriesContext(connection) as captured:
        response = api(world.users["friend"]).post(
            f"/api/v1/papers/{paper.pk}/inputs/", {"text": "Our evidence"}, format="json"
        )
    assert response.status_code == 201, response.json()
    check = _first_select_of(captured.captured_queries, "roundtables_workingpaper")
    assert check.count(" JOIN ") == 1 and '"roundtables_session"' in check
