"""The CSD review screen: filters, search and paging in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civil_society.admin.review import CSDEditionAdmin
from civil_society.enums import Sector
from tests.civil_society.factories import candidate

pytestmark = pytest.mark.django_db


def _rows(client, csd, **params):
    response = client.get(reverse("admin:civil_society_csdedition_review", args=[csd.pk]), params)
    assert response.status_code == 200
    return [row.application.organisation.organisation.name for row in response.context["rows"]]


@pytest.fixture
def spread(csd, reviewer):
    candidate(csd, score=9, reviewers=[reviewer], name="Alpha Union", sector=Sector.TRADE_UNION)
    candidate(csd, score=5, reviewers=[reviewer], name="Beta Academy", sector=Sector.ACADEMIA)
    candidate(csd, name="Gamma Diaspora", region_iso3="FRA")
    return csd


def test_filters_and_search(spread, reviewer, staff, client):
    client.force_login(staff)
    assert _rows(client, spread) == ["Alpha Union", "Beta Academy", "Gamma Diaspora"]
    assert _rows(client, spread, sector=Sector.ACADEMIA) == ["Beta Academy"]
    assert _rows(client, spread, region="Europe") == ["Gamma Diaspora"]
    assert _rows(client, spread, band="8-10") == ["Alpha Union"]
    assert _rows(client, spread, band="4-6") == ["Beta Academy"]
    assert _rows(client, spread, band="none") == ["Gamma Diaspora"]
    assert _rows(client, spread, reviewer=reviewer.pk) == ["Alpha Union", "Beta Academy"]
    assert _rows(client, spread, q="beta") == ["Beta Academy"]
    assert _rows(client, spread, status="withdrawn") == []
    # a bad filter value is ignored, never a 500
    assert len(_rows(client, spread, band="nonsense", reviewer="x")) == 3


def test_paging(spread, staff, client, monkeypatch):
    monkeypatch.setattr(CSDEditionAdmin, "REVIEW_PAGE_SIZE", 2)
    client.force_login(staff)
    assert _rows(client, spread) == ["Alpha Union", "Beta Academy"]
    second = client.get(
        reverse("admin:civil_society_csdedition_review", args=[spread.pk]), {"page": 2}
    )
    assert [r.application.organisation.organisation.name for r in second.context["rows"]] == [
        "Gamma Diaspora"
    ]
    assert "Page 2 of 2" in second.content.decode()


def test_query_count_is_fixed(csd, reviewer, staff, client, monkeypatch):
    monkeypatch.setattr(CSDEditionAdmin, "REVIEW_PAGE_SIZE", 5)
    client.force_login(staff)
    url = reverse("admin:civil_society_csdedition_review", args=[csd.pk])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"sector": ""}).status_code == 200
        return len(ctx.captured_queries)

    candidate(csd, score=7, reviewers=[reviewer])
    one = count()
    for score in range(8):
        candidate(csd, score=score, reviewers=[reviewer])
    assert count() == one
