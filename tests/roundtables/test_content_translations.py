"""Per-language content (gfmd/platform/content.py): a session's title and description in
French and Spanish beside the original, read in the request's language with a marked
fallback, written per language, found by search in any language."""

import pytest
from django.urls import reverse

from roundtables.models import Session
from tests.roundtables.conftest import ROLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(world):
    Session.objects.filter(pk=world.session.pk).update(
        title="Labour mobility", title_fr="Mobilité de la main-d'œuvre", description="Skills."
    )
    return world.session


def _read(client, pk, language):
    response = client.get(f"/api/v1/sessions/{pk}/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response


def test_session_title_in_french_then_original_marked_in_spanish(world, api, session):
    client = api(world.users["cochair"])
    french = _read(client, session.pk, "fr")
    assert french["Content-Language"] == "fr"
    assert french.json()["title"] == "Mobilité de la main-d'œuvre"
    assert french.json()["title_fr"] == "Mobilité de la main-d'œuvre"
    assert french.json()["description"] == "Skills."  # no French description: the original
    assert french.json()["translated_fields_missing"] == ["description"]

    spanish = _read(client, session.pk, "es").json()
    assert spanish["title"] == "Labour mobility"
    assert spanish["translated_fields_missing"] == ["title", "description"]

    english = _read(client, session.pk, "en-gb").json()
    assert english["title"] == "Labour mobility"
    assert english["translated_fields_missing"] == []


def test_session_list_reads_the_requested_language(world, api, session):
    client = api(world.users["cochair"])
    rows = client.get("/api/v1/sessions/", HTTP_ACCEPT_LANGUAGE="fr").json()["results"]
    row = next(r for r in rows if r["id"] == session.pk)
    assert row["title"] == "Mobilité de la main-d'œuvre"
    # the compiled statement is cached per language: English again gives the original
    rows = client.get("/api/v1/sessions/", HTTP_ACCEPT_LANGUAGE="en-gb").json()["results"]
    assert next(r for r in rows if r["id"] == session.pk)["title"] == "Labour mobility"


def test_session_write_title_fr_then_read_back(world, api, session):
    client = api(world.users["staff"])
    response = client.patch(
        f"/api/v1/sessions/{session.pk}/",
        {"title_fr": "Migration de main-d'œuvre", "title_es": "Movilidad laboral"},
        format="json",
    )
    assert response.status_code == 200
    session.refresh_from_db()
    assert (session.title, session.title_fr, session.title_es) == (
        "Labour mobility",
        "Migration de main-d'œuvre",
        "Movilidad laboral",
    )
    assert _read(client, session.pk, "fr").json()["title"] == "Migration de main-d'œuvre"
    spanish = _read(client, session.pk, "es").json()
    assert spanish["title"] == "Movilidad laboral"
    assert spanish["translated_fields_missing"] == ["description"]


@pytest.mark.parametrize("role", ROLES)
def test_session_translation_writes_are_staff_only(world, api, session, role):
    response = api(world.users[role]).patch(
        f"/api/v1/sessions/{session.pk}/", {"title_es": "Movilidad laboral"}, format="json"
    )
    session.refresh_from_db()
    if role == "staff":
        assert response.status_code == 200 and session.title_es == "Movilidad laboral"
    else:
        assert response.status_code in (401, 403, 404)
        assert session.title_es == ""


def test_session_api_search_finds_a_spanish_title(world, api, session):
    Session.objects.filter(pk=session.pk).update(title_es="Movilidad laboral")
    client = api(world.users["staff"])
    found = client.get("/api/v1/sessions/", {"search": "Movilidad"}).json()["results"]
    assert [row["id"] for row in found] == [session.pk]
    assert client.get("/api/v1/sessions/", {"search": "Nadaparecido"}).json()["results"] == []


def test_session_admin_search_finds_a_spanish_title_and_edits_side_by_side(world, client, session):
    Session.objects.filter(pk=session.pk).update(title_es="Movilidad laboral")
    client.force_login(world.users["staff"])
    url = reverse("admin:roundtables_session_changelist")
    found = client.get(url, {"q": "Movilidad"})
    assert found.status_code == 200
    assert list(found.context["cl"].result_list) == [session]
    assert list(client.get(url, {"q": "Nadaparecido"}).context["cl"].result_list) == []
    form = client.get(reverse("admin:roundtables_session_change", args=[session.pk]))
    fields = list(form.context["adminform"].form.fields)
    assert fields.index("title_fr") == fields.index("title") + 1
    assert fields.index("title_es") == fields.index("title") + 2
