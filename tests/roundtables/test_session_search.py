"""Sessions name their edition and are found by code ("RT 1.1") in the admin and the API."""

import pytest
from django.urls import reverse

from tests.factories import EditionFactory
from tests.roundtables.factories import RoundtableFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_years(world):
    """RT 1.1 of another edition and RT 1.2 / RT 2.1 of the world's edition."""
    later = EditionFactory(ordinal=13, year_start=2022, title="GFMD 2022")
    return {
        "later": SessionFactory(roundtable=RoundtableFactory(edition=later, number=1), number=1),
        "same_rt": SessionFactory(roundtable=world.session.roundtable, number=2),
        "rt2": SessionFactory(
            roundtable=RoundtableFactory(edition=world.edition, number=2), number=1
        ),
    }


def test_str_names_the_edition(world):
    assert str(world.session) == f"GFMD 2020 · RT 1.1 {world.session.title}"


def test_admin_search_by_code(world, client, other_years):
    client.force_login(world.users["staff"])
    url = reverse("admin:roundtables_session_changelist")

    found = client.get(url, {"q": "RT 1.1"}).context["cl"].result_list

    assert {s.pk for s in found} == {world.session.pk, other_years["later"].pk}
    narrowed = client.get(url, {"q": "RT 1.1 2022"}).context["cl"].result_list
    assert [s.pk for s in narrowed] == [other_years["later"].pk]


def test_admin_autocomplete_shows_the_edition(world, client, other_years):
    client.force_login(world.users["staff"])
    response = client.get(
        "/admin/autocomplete/",
        {
            "term": "RT 1.1",
            "app_label": "roundtables",
            "model_name": "cochair",
            "field_name": "session",
        },
    )
    assert response.status_code == 200, response.content
    texts = sorted(r["text"] for r in response.json()["results"])
    assert texts == sorted(
        [
            f"GFMD 2020 · RT 1.1 {world.session.title}",
            f"GFMD 2022 · RT 1.1 {other_years['later'].title}",
        ]
    )


def test_api_search_by_code(world, api, other_years):
    response = api(world.users["staff"]).get("/api/v1/sessions/", {"search": "RT 1.1"})
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    assert ids == {world.session.pk, other_years["later"].pk}
    text = api(world.users["staff"]).get("/api/v1/sessions/", {"search": "rt2.1"}).json()
    assert [row["id"] for row in text["results"]] == [other_years["rt2"].pk]
