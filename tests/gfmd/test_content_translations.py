"""Per-language content of the governance core: an edition's public title and theme, an
agenda item's title and description (gfmd/platform/api/content.py)."""

import pytest
from django.urls import reverse
from django.utils import translation

from gfmd.models import AgendaItem, Edition
from tests.factories import EditionFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(db):
    return EditionFactory(
        title="GFMD 2026", title_fr="FMMD 2026", theme="Migration and climate", theme_es=""
    )


def test_edition_read_in_french_and_marked_fallback_in_spanish(staff, api, edition):
    client = api(staff)
    french = client.get(f"/api/v1/editions/{edition.pk}/", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert (french["title"], french["title_fr"]) == ("FMMD 2026", "FMMD 2026")
    assert french["theme"] == "Migration and climate"
    assert french["translated_fields_missing"] == ["theme"]
    spanish = client.get(f"/api/v1/editions/{edition.pk}/", HTTP_ACCEPT_LANGUAGE="es").json()
    assert spanish["title"] == "GFMD 2026"
    assert spanish["translated_fields_missing"] == ["title", "theme"]
    english = client.get(f"/api/v1/editions/{edition.pk}/").json()
    assert (english["title"], english["translated_fields_missing"]) == ("GFMD 2026", [])


def test_edition_write_title_es_then_read_back(staff, api, edition):
    client = api(staff)
    etag = client.get(f"/api/v1/editions/{edition.pk}/")["ETag"]
    response = client.patch(
        f"/api/v1/editions/{edition.pk}/",
        {"title_es": "FMMD 2026 (es)", "theme_es": "Migración y clima"},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200
    edition.refresh_from_db()
    assert (edition.title, edition.title_es) == ("GFMD 2026", "FMMD 2026 (es)")
    spanish = client.get(f"/api/v1/editions/{edition.pk}/", HTTP_ACCEPT_LANGUAGE="es").json()
    assert (spanish["title"], spanish["theme"]) == ("FMMD 2026 (es)", "Migración y clima")
    assert spanish["translated_fields_missing"] == []


def test_edition_translation_write_refused_to_a_focal_point(focal_point, api, edition):
    client = api(focal_point)
    etag = client.get(f"/api/v1/editions/{edition.pk}/")["ETag"]
    response = client.patch(
        f"/api/v1/editions/{edition.pk}/", {"title_es": "X"}, format="json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 403  # a reader, not Support Unit
    assert Edition.objects.get(pk=edition.pk).title_es == ""


def test_edition_search_by_spanish_title_in_api_and_admin(staff, api, client, edition):
    Edition.objects.filter(pk=edition.pk).update(title_es="Foro de Quito")
    EditionFactory(title="GFMD 2027")
    found = api(staff).get("/api/v1/editions/", {"search": "Quito"}).json()["results"]
    assert [row["id"] for row in found] == [edition.pk]
    client.force_login(staff)
    page = client.get(reverse("admin:gfmd_edition_changelist"), {"q": "Quito"})
    assert list(page.context["cl"].result_list) == [edition]
    form = client.get(reverse("admin:gfmd_edition_change", args=[edition.pk]))
    assert {"title_fr", "title_es", "theme_fr", "theme_es"} <= set(
        form.context["adminform"].form.fields
    )


def test_agenda_item_in_french_and_search_in_spanish(staff, api):
    meeting = MeetingFactory()
    item = AgendaItem.objects.create(
        meeting=meeting, position=1, title="Opening", title_fr="Ouverture", title_es="Apertura"
    )
    AgendaItem.objects.create(meeting=meeting, position=2, title="Closing")
    client = api(staff)
    french = client.get(f"/api/v1/agenda-items/{item.pk}/", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert (french["title"], french["translated_fields_missing"]) == ("Ouverture", [])
    found = client.get("/api/v1/agenda-items/", {"search": "Apertura"}).json()["results"]
    assert [row["id"] for row in found] == [item.pk]


def test_translation_column_labels_are_translated():
    field = Edition._meta.get_field("title_fr")
    with translation.override("fr"):
        assert str(field.verbose_name) == "titre (français)"
    with translation.override("es"):
        assert str(Edition._meta.get_field("theme_es").verbose_name) == "tema (español)"
