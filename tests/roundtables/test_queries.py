"""Constant query counts: every list endpoint and admin changelist, 1 row vs many rows."""

import pytest

from tests.conftest import refuse_transactional_neighbours, rows_kept_for_the_module
from tests.factories import FocalPointFactory, StaffFactory, country
from tests.roundtables.factories import build_programme, edition_2020

pytestmark = pytest.mark.django_db

# (endpoint, user kind, queries). Staff: session + groups + the page with its total (one
# statement) + prefetches.
# Focal point: + focal points + reach (one query: chairs, steering, friends, co-chairs,
# team).
# Inputs are cursor pages: no COUNT query. Sessions, co-chairs, team members, papers and
# inputs are output specs: each page's keys and JSON (nested lists included) come in one
# statement, no prefetch queries.
API_LISTS = [
    ("themes", "staff", 3),
    ("roundtables", "staff", 3),
    ("sessions", "staff", 2),
    ("cochairs", "staff", 2),
    ("team-members", "staff", 2),
    ("papers", "staff", 2),
    ("paper-versions", "staff", 3),
    ("inputs", "staff", 2),
    ("papers", "focal", 4),
    ("paper-versions", "focal", 5),
    ("inputs", "focal", 4),
    ("sessions", "focal", 3),
]


@pytest.fixture(scope="module", params=[1, 5], ids=["one", "many"])
def _programme_rows(request, django_db_setup, django_db_blocker):
    refuse_transactional_neighbours(request)
    with rows_kept_for_the_module(django_db_blocker):
        build_programme(edition_2020(), request.param)
        yield request.param


@pytest.fixture
def programme(_programme_rows, db):
    """A programme of one, then of five sessions (build_programme), made once per module
    and size; returns the number of sessions."""
    return _programme_rows


def _user(kind):
    if kind == "staff":
        return StaffFactory()
    return FocalPointFactory(country=country("BRA")).user  # a Friend of the Forum


@pytest.mark.parametrize("endpoint, kind, queries", API_LISTS)
def test_api_list_query_count_is_constant(
    programme, api, django_assert_num_queries, endpoint, kind, queries
):
    client = api(_user(kind))
    with django_assert_num_queries(queries):
        response = client.get(f"/api/v1/{endpoint}/")
    assert response.status_code == 200
    body = response.json()
    if endpoint == "inputs":  # cursor pages: no count, newest first
        assert "count" not in body and len(body["results"]) >= programme
    else:
        assert body["count"] >= programme


ADMIN_CHANGELISTS = [
    ("theme", 11),
    ("roundtable", 11),
    ("session", 15),  # the session's documents (working paper, rapporteur report): one query
    ("cochair", 11),
    ("teammembership", 11),
    ("workingpaper", 11),
    ("input", 11),
]


@pytest.mark.parametrize("model, queries", ADMIN_CHANGELISTS)
def test_admin_changelist_query_count_is_constant(
    programme, client, django_assert_num_queries, model, queries
):
    client.force_login(StaffFactory())
    with django_assert_num_queries(queries):
        response = client.get(f"/admin/roundtables/{model}/")
    assert response.status_code == 200


def test_admin_board_query_count_is_constant(programme, client, django_assert_num_queries):
    from gfmd.models import Edition

    client.force_login(StaffFactory())
    edition = Edition.objects.get(ordinal=12)
    # session, user, saved language (no Redis in tests), then the board's own (the
    # sessions' documents, working paper and rapporteur report, in one prefetch)
    with django_assert_num_queries(13):
        response = client.get(f"/admin/roundtables/roundtable/board/{edition.pk}/")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url, queries",
    # the calendar: 5 (the sessions' documents prefetched) + the one read of the user's
    # feed key for the Link header
    [("/api/v1/sessions/calendar.ics/", 6), ("/api/v1/cochairs/export/?file_format=csv", 2)],
    ids=["calendar", "cochair-export"],
)
def test_calendar_and_export_query_count_is_constant(
    programme, api, django_assert_num_queries, url, queries
):
    from django.utils import timezone

    from roundtables.models import Session

    Session.objects.update(slot_start=timezone.now())
    client = api(StaffFactory())
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("kind, queries", [("staff", 1), ("focal", 2)])
def test_session_detail_query_count(programme, api, django_assert_num_queries, kind, queries):
    from roundtables.models import Session

    session = Session.objects.order_by("id").first()
    client = api(_user(kind))
    client.get(f"/api/v1/sessions/{session.pk}/")  # warms the caller's group cache
    # the session's key and its payload in one statement (and the caller's reach)
    with django_assert_num_queries(queries):
        response = client.get(f"/api/v1/sessions/{session.pk}/")
    assert response.status_code == 200 and response.json()["id"] == session.pk
