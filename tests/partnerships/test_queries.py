"""Fixed query counts on every list, whatever the number of rows."""

import pytest

from tests.factories import OrganisationFactory
from tests.partnerships.factories import (
    PracticeFactory,
    TalkCallFactory,
    TalkProposalFactory,
    TalkReviewFactory,
)
from tests.roundtables.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def _rich_practices(n):
    theme = ThemeFactory()
    for _i in range(n):
        practice = PracticeFactory(countries=["MAR", "ESP"])
        practice.themes.add(theme, ThemeFactory())
        practice.organisations.add(OrganisationFactory())
    return theme


@pytest.mark.parametrize("rows", [1, 5])
@pytest.mark.parametrize("params", [{}, {"q": "practice"}, {"country": "MAR", "theme": True}])
def test_public_practice_list_query_count(api, django_assert_num_queries, rows, params):
    theme = _rich_practices(rows)
    if "theme" in params:
        params = {**params, "theme": theme.pk}
    client = api()
    # the page's keys with the total and each row's JSON, nested lists included: one statement
    with django_assert_num_queries(1):
        response = client.get("/api/v1/practices/", params)
    assert response.status_code == 200
    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [1, 5])
def test_staff_practice_list_query_count(api, staff, django_assert_num_queries, rows):
    _rich_practices(rows)
    client = api(staff)
    client.get("/api/v1/practices/")  # warms the caller's group cache
    with django_assert_num_queries(1):
        assert client.get("/api/v1/practices/").status_code == 200


@pytest.mark.parametrize("rows", [1, 5])
def test_talk_lists_query_count(api, staff, django_assert_num_queries, rows):
    call = TalkCallFactory()
    for _i in range(rows):
        TalkReviewFactory(proposal=TalkProposalFactory(call=call))
    client = api(staff)
    for url in ("talk-calls", "talk-proposals", "talk-reviews"):
        client.get(f"/api/v1/pfp/{url}/")  # warms the caller's group cache
        with django_assert_num_queries(1):  # cursor pages: the page, no COUNT
            response = client.get(f"/api/v1/pfp/{url}/")
        assert response.status_code == 200 and response.json()["results"]
