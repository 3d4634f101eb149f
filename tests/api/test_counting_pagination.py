"""Page-number lists read the page and the total in one statement (count(*) OVER ():
gfmd/platform/api/pagination.py); answers are those of COUNT-then-page."""

import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gfmd.models import Country
from gfmd.platform.api.pagination import CountingPaginator
from tests.factories import country

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def countries(db):
    country("DEU")  # reloads the 246 if an earlier transactional test flushed them


def _pages(queryset, per_page, number):
    counting, plain = CountingPaginator(queryset, per_page), Paginator(queryset, per_page)
    with CaptureQueriesContext(connection) as ctx:
        page = list(counting.page(number))
        total = counting.count
    expected = plain.page(number)
    return page, total, expected, len(ctx.captured_queries)


def counting_has_next(queryset, per_page, number):
    return CountingPaginator(queryset, per_page).page(number).has_next()


@pytest.mark.parametrize("number", [1, 2, 5])
def test_a_page_and_its_total_in_one_query(number):
    queryset = Country.objects.order_by("iso3")
    page, total, expected, queries = _pages(queryset, 50, number)
    assert queries == 1
    assert total == Country.objects.count() == 246
    assert [c.pk for c in page] == [c.pk for c in expected]
    assert counting_has_next(queryset, 50, number) == expected.has_next()


def test_values_rows_carry_the_total_too():
    queryset = Country.objects.order_by("iso3").values("pk", "iso3")
    page, total, expected, queries = _pages(queryset, 20, 3)
    assert (queries, total) == (1, 246)
    assert [row["pk"] for row in page] == [row["pk"] for row in expected]


def test_distinct_falls_back_to_count_then_page():
    # a window would count the rows before DISTINCT: 246 regions are not 246 distinct ones
    queryset = Country.objects.order_by("region").values("region").distinct()
    page, total, expected, queries = _pages(queryset, 5, 1)
    assert queries == 2
    assert total == len({c.region for c in Country.objects.all()}) < 246
    assert list(page) == list(expected)


def test_an_empty_first_page_costs_one_query_and_a_page_past_the_end_is_empty():
    paginator = CountingPaginator(Country.objects.none().order_by("pk"), 10)
    assert list(paginator.page(1)) == [] and paginator.count == 0
    paginator = CountingPaginator(Country.objects.filter(iso3="___").order_by("pk"), 10)
    with CaptureQueriesContext(connection) as ctx:
        assert list(paginator.page(1)) == []
    assert len(ctx.captured_queries) == 1 and paginator.count == 0
    with pytest.raises(EmptyPage):
        CountingPaginator(Country.objects.order_by("pk"), 50).page(6)


@pytest.mark.parametrize("number", ["abc", "1.5", None])
def test_a_page_that_is_not_a_number_is_refused(number):
    with pytest.raises(PageNotAnInteger):
        CountingPaginator(Country.objects.order_by("pk"), 50).page(number)


@pytest.mark.parametrize("number", [0, -1])
def test_a_page_below_one_is_empty(number):
    with pytest.raises(EmptyPage):
        CountingPaginator(Country.objects.order_by("pk"), 50).page(number)


@pytest.mark.parametrize(
    ("query", "status"), [("page=5", 200), ("page=6", 404), ("page=0", 404), ("page=x", 404)]
)
def test_the_api_answers_as_before(api, staff, query, status):
    response = api(staff).get(f"/api/v1/countries/?page_size=50&{query}")
    assert response.status_code == status, response.content
    if status == 200:
        body = response.json()
        assert body["count"] == 246 and len(body["results"]) == 46 and body["next"] is None
    else:
        assert response.json()["type"] == "not_found"
