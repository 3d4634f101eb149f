"""Every list endpoint runs a fixed number of queries, whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ROWS

pytestmark = pytest.mark.django_db

# endpoint -> queries for a staff caller: group lookup, page rows with their total
# (count(*) OVER (): gfmd/platform/api/pagination.py), prefetches.
EXPECTED = {
    "organisations": 2,
    "focal-points": 2,
    "editions": 3,
    "steering-group": 2,
    "balance-policies": 2,
    "friends-of-the-forum": 2,
    "meetings": 3,
    "agenda-items": 2,
    "attendance": 2,
    "activity": 2,  # cursor pagination: no COUNT
    "notifications": 2,
    "mechanisms": 3,  # + coordinators prefetch
    "mechanism-organisations": 2,
    "mechanism-participations": 2,
    "local-governments": 3,  # + networks prefetch
    "working-groups": 4,  # + co-chairs and members prefetches
    "working-group-chairs": 2,
    "working-group-members": 2,
    "webhooks": 2,
    "webhook-deliveries": 3,  # cursor pagination: page rows + attempts prefetch
}


def _count(client, url, user):
    # a fresh user object per request, as in production: nothing cached from the last call
    client.force_authenticate(type(user).objects.get(pk=user.pk))
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries), response.json()


@pytest.mark.parametrize("endpoint", sorted(EXPECTED))
def test_list_query_count_is_constant(endpoint, staff, api):
    client = api(staff)
    url = f"/api/v1/{endpoint}/?page_size=200"
    build = ROWS[endpoint]

    build(10)
    few, first = _count(client, url, staff)
    build(190)
    many, second = _count(client, url, staff)

    assert len(second["results"]) >= min(len(first["results"]) + 190, 200)
    assert (few, many) == (EXPECTED[endpoint], EXPECTED[endpoint])


def test_country_list_query_count(staff, api, django_assert_num_queries):
    client = api(staff)
    with django_assert_num_queries(2):
        response = client.get("/api/v1/countries/?page_size=200")
    assert response.json()["count"] == 246
