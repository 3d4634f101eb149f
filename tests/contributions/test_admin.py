"""Admin pages of the ledger and the Chair's cycle: they open, and their changelists take
the same number of queries for 1 row or 5."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contributions.models import Pledge
from gfmd.models import Candidature
from tests.factories import country

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


PAGES = [
    "contributions/pledge",
    "contributions/receipt",
    "contributions/budget",
    "contributions/carryover",
    "contributions/exchangerate",
    "gfmd/candidature",
    "gfmd/meetingdecision",
]


def _grow(ledger):
    for i, iso3 in enumerate(["MEX", "PER", "CHL", "ECU"]):
        Pledge.objects.create(
            edition=ledger["colombia"],
            country=country(iso3),
            kind="cash",
            currency="USD",
            amount=100 + i,
            pledged_on=date(2024, 7, 1),
        )
        Candidature.objects.create(
            edition=ledger["colombia"], country=country(iso3), offered_on=date(2023, 6, 1)
        )


@pytest.mark.parametrize("page", PAGES)
def test_changelist_opens_with_fixed_queries(page, ledger, admin_client):
    url = f"/admin/{page}/"
    assert admin_client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    _grow(ledger)
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(url)
    assert response.status_code == 200
    assert len(many) == len(few)


def test_change_pages_open(ledger, admin_client):
    for path in (
        f"contributions/pledge/{ledger['deu'].pk}",
        f"contributions/receipt/{ledger['receipt'].pk}",
        f"contributions/budget/{ledger['budget'].pk}",
        f"contributions/carryover/{ledger['carry'].pk}",
    ):
        assert admin_client.get(f"/admin/{path}/change/").status_code == 200, path
    assert admin_client.get("/admin/gfmd/candidature/add/").status_code == 200
