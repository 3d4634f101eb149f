"""Per-language content of the Civil Society Days: recommendation titles and texts."""

import pytest
from django.urls import reverse

from civil_society.models import Recommendation

pytestmark = pytest.mark.django_db


def test_recommendation_language_fallback_and_search_in_any_language(world, api, client):
    rec = world.published
    Recommendation.objects.filter(pk=rec.pk).update(
        title_fr="Voies régulières", title_es="Vías regulares", text_es="Abrir vías."
    )
    staff = api(world.staff)
    url = f"/api/v1/csd/recommendations/{rec.pk}/"
    french = staff.get(url, HTTP_ACCEPT_LANGUAGE="fr").json()
    assert french["title"] == "Voies régulières"
    assert french["text"] == rec.text and french["translated_fields_missing"] == ["text"]
    spanish = staff.get(url, HTTP_ACCEPT_LANGUAGE="es").json()
    assert (spanish["title"], spanish["text"]) == ("Vías regulares", "Abrir vías.")
    assert spanish["translated_fields_missing"] == []

    found = staff.get("/api/v1/csd/recommendations/", {"search": "regulares"}).json()
    assert [row["id"] for row in found["results"]] == [rec.pk]
    client.force_login(world.staff)
    page = client.get(reverse("admin:civil_society_recommendation_changelist"), {"q": "regulares"})
    assert list(page.context["cl"].result_list) == [rec]
