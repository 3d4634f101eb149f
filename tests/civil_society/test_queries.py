"""Every list endpoint and admin changelist runs a fixed number of queries, whatever the
number of rows (1 row, then many: the same literal count)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.civil_society.factories import ADMIN_ROWS, ROWS

pytestmark = pytest.mark.django_db

# endpoint -> queries for a staff caller: group lookup, rows with their total (one
# statement: gfmd/platform/api/pagination.py), then prefetches.
# Applications and reviews are cursor-paginated: no COUNT query. Applications and delegates
# are output specs: each row's JSON (with the delegates) comes in the page's one statement.
CURSOR_PAGINATED = {"csd/applications", "csd/reviews"}
EXPECTED_API = {
    "csd/editions": 2,
    "csd/committee": 2,
    "csd/organisations": 3,
    "csd/applications": 2,
    "csd/delegates": 2,
    "csd/reviews": 2,
    "csd/selection-policies": 2,
    "csd/proposals": 2,
    "csd/proposal-entries": 2,
    "csd/sessions": 2,
    "csd/recommendations": 2,
    "csd/common-space": 3,
    "csd/common-space-participants": 2,
    "csd/pga-documents": 2,
    "csd/friends-representatives": 2,
}

# changelist -> queries: session, user, saved language (no Redis here), groups, counts,
# rows, filters.
EXPECTED_ADMIN = {
    "csdedition": 10,
    "advisorycommitteemember": 11,
    "civilsocietyorganisation": 10,
    "application": 11,
    "delegate": 12,
    "review": 11,
    "selectionpolicy": 10,
    "selectionproposal": 11,
    "csdsession": 11,
    "recommendation": 11,
    "commonspacesession": 11,
    "peoplesglobalactiondocument": 11,
    "friendsrepresentative": 10,
}


def _api_count(client, url, user):
    client.force_authenticate(type(user).objects.get(pk=user.pk))  # nothing cached
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    body = response.json()
    endpoint = url.split("?")[0].removeprefix("/api/v1/").strip("/")
    if endpoint in CURSOR_PAGINATED:
        assert "count" not in body and "next" in body
        assert not [q for q in ctx.captured_queries if '"__count"' in q["sql"]], endpoint
        return len(ctx.captured_queries), len(body["results"])
    return len(ctx.captured_queries), body["count"]


@pytest.mark.parametrize("endpoint", sorted(EXPECTED_API))
def test_list_query_count_is_constant(endpoint, staff, api):
    client = api(staff)
    url = f"/api/v1/{endpoint}/?page_size=200"

    ROWS[endpoint](1)
    few, first = _api_count(client, url, staff)
    ROWS[endpoint](12)
    many, second = _api_count(client, url, staff)

    assert second >= first + 12
    assert (few, many) == (EXPECTED_API[endpoint], EXPECTED_API[endpoint])


def test_delegation_query_count_is_constant(staff, api, django_assert_num_queries):
    from civil_society.models import CSDEdition, Delegate

    ROWS["csd/delegates"](1)
    csd = CSDEdition.objects.get()
    Delegate.objects.update(status="selected")
    client = api(staff)
    with django_assert_num_queries(3):
        assert client.get(f"/api/v1/csd/editions/{csd.pk}/delegation/").json()["count"] == 1
    ROWS["csd/delegates"](12)
    Delegate.objects.update(status="selected")
    client = api(type(staff).objects.get(pk=staff.pk))
    with django_assert_num_queries(3):
        assert client.get(f"/api/v1/csd/editions/{csd.pk}/delegation/").json()["count"] == 13


def _admin_count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(ctx.captured_queries)


@pytest.mark.parametrize("model", sorted(EXPECTED_ADMIN))
def test_admin_changelist_query_count_is_constant(model, staff, client):
    client.force_login(staff)
    url = f"/admin/civil_society/{model}/"

    ADMIN_ROWS[model](1)
    few = _admin_count(client, url)
    ADMIN_ROWS[model](12)
    many = _admin_count(client, url)

    assert (few, many) == (EXPECTED_ADMIN[model], EXPECTED_ADMIN[model])
