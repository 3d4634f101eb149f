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


@pytest.mark.parametrize(
    ("query", "finds"),
    [
        ("saisonnier%", True),
        ("saisonnier %(q)s", False),  # both words must match: "q" is not in the text
        ("%s saisonnier \\", True),  # "s" alone is not a word
        ("saisonnier' OR '1'='1", True),  # OR is websearch's own operator
        ("'; --", False),
        ("l'agricole d'été", False),
    ],
)
def test_quotes_percent_signs_and_placeholders_in_the_words_are_only_words(
    api, practices, query, finds
):
    # The words are written into the statement as a literal (gfmd/platform/search/literal.py):
    # a quote, a percent sign or a driver placeholder is text, never SQL or a parameter.
    response = api().get(URL, {"q": query, "language": "fr"})
    assert response.status_code == 200, response.content
    found = [row["id"] for row in response.json()["results"]]
    assert found == ([practices["fr"].pk] if finds else [])
    assert _ids(api, q=query.replace("saisonnier", "agricoles")) == (
        [practices["fr"].pk] if finds else []
    )


def test_a_search_run_often_keeps_the_words_out_of_the_parameters(api, practices):
    # Prepared after a few runs, a statement whose words were parameters got a generic plan
    # that re-parsed the words for every row; the words are literal in the SQL.
    from django.db import connection

    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        assert _ids(api, q="travailleurs") == [practices["fr"].pk]
    searches = [(sql, params) for sql, params in statements if "websearch_to_tsquery" in sql]
    assert searches
    for sql, params in searches:
        assert "'travailleurs'" in sql and "'french'::regconfig" in sql
        assert "travailleurs" not in [str(p) for p in params or ()]


def test_the_search_indexes_pending_lists_are_bounded(db):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname = ANY(%s) ORDER BY 1",
            [["practice_search_gin", "searchentry_vector_gin"]],
        )
        rows = cursor.fetchall()
    assert rows == [
        ("practice_search_gin", ["gin_pending_list_limit=256"]),
        ("searchentry_vector_gin", ["gin_pending_list_limit=256"]),
    ]
