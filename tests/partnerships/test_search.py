"""Public search: PostgreSQL full-text search in English, French and Spanish, accents
ignored, best match first, published practices only."""

import pytest

from partnerships.enums import PracticeState
from tests.partnerships.factories import PracticeFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/practices/"


@pytest.fixture
def practices(db):
    return {
        "fr": PracticeFactory(
            title="Seasonal work",
            summary="Circular schemes.",
            title_fr="Travail saisonnier",
            summary_fr="Des régimes circulaires pour les travailleurs agricoles étrangers.",
        ),
        "es": PracticeFactory(
            title="Remittance costs",
            summary="Lower fees.",
            title_es="Costos de remesas",
            summary_es="Reducir las comisiones de las remesas de los migrantes en América.",
        ),
        "draft": PracticeFactory(
            title="Travailleurs saisonniers en attente",
            summary="Remesas.",
            original_language="fr",
            state=PracticeState.SUBMITTED,
        ),
    }


def _ids(api, **params):
    response = api().get(URL, params)
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize("query", ["travailleurs", "régimes", "regimes", "étrangers"])
def test_a_french_word_finds_the_practice_with_or_without_accents(api, practices, query):
    assert _ids(api, q=query) == [practices["fr"].pk]


@pytest.mark.parametrize("query", ["comisiones", "remesas", "América", "america"])
def test_a_spanish_word_finds_the_practice_with_or_without_accents(api, practices, query):
    assert _ids(api, q=query) == [practices["es"].pk]


def test_search_never_returns_unpublished_practices(api, practices):
    assert practices["draft"].pk not in _ids(api, q="saisonniers")
    assert practices["draft"].pk not in _ids(api, q="remesas")


def test_stemming_matches_another_form_of_the_word(api, practices):
    # "saisonnier" (singular) stems like "saisonniers"
    assert _ids(api, q="saisonniers") == [practices["fr"].pk]


def test_title_match_ranks_before_summary_match(api):
    summary_only = PracticeFactory(title="Other", summary="Diaspora bonds for investment.")
    in_title = PracticeFactory(title="Diaspora bonds", summary="Investment.")
    assert _ids(api, q="diaspora") == [in_title.pk, summary_only.pk]


def test_search_combines_with_filters(api, practices):
    assert _ids(api, q="remesas", country="MAR") == [practices["es"].pk]
    assert _ids(api, q="remesas", country="BRA") == []
