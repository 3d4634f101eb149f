"""Full-text search (docs/search.md): what it finds, in which language, for whom, and at
what cost. The index is fed by the activity log's writes, as in production."""

import pytest
from django.db import connection
from django.urls import reverse

from gfmd.platform.models import SearchEntry
from gfmd.platform.search import query
from gfmd.platform.search.index import VECTORS_SQL, reindex_all
from gfmd.platform.search.query import search
from gfmd.platform.services import translations as engine
from roundtables.enums import PaperState
from roundtables.services.translations import version_translations_request
from roundtables.services.versions import version_add_file, version_add_text
from tests.factories import UserFactory
from tests.gfmd.test_pdf_text import pdf_with_text
from tests.roundtables.factories import RoundtableFactory, SessionFactory, set_state, upload

FRENCH = "Les plateformes numériques réduisent les frais de recrutement des travailleurs."
SPANISH = "La migración laboral circular beneficia a las comunidades de origen."


def _found(user, text, **kwargs):
    return [(hit.source, hit.object_id) for hit in search(user, text, **kwargs).hits]


@pytest.fixture
def drafting(world, django_capture_on_commit_callbacks):
    """RT 1.1's paper in drafting with a text version, indexed through the write path."""
    set_state(world.paper, PaperState.DRAFTING)
    with django_capture_on_commit_callbacks(execute=True):
        version = version_add_text(
            actor=world.users["staff"],
            paper=world.paper,
            text="Circular labour mobility schemes and zanzibarite remittance corridors.",
        )
    world.version = version
    return world


def test_a_write_through_a_service_is_searchable_after_commit(drafting):
    staff = drafting.users["staff"]
    assert ("paper_version", drafting.version.pk) in _found(staff, "zanzibarite")
    # stemmed: the plural in the text, the singular in the query
    assert ("paper_version", drafting.version.pk) in _found(staff, "corridor")


def test_a_rolled_back_write_leaves_no_entry(world, django_capture_on_commit_callbacks):
    set_state(world.paper, PaperState.DRAFTING)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        version_add_text(actor=world.users["staff"], paper=world.paper, text="quetzalword")
    # not run: as after a rollback, the callbacks never fire
    assert callbacks and not _found(world.users["staff"], "quetzalword")


def test_session_found_by_code_and_edition_year(world):
    other = SessionFactory(roundtable=RoundtableFactory(number=2), number=1, title="Other")
    reindex_all(["session"])
    staff = world.users["staff"]
    assert _found(staff, "RT 1.1", sources=["session"]) == [("session", world.session.pk)]
    assert ("session", other.pk) not in _found(staff, "RT 1.1", sources=["session"])
    year = world.edition.year_start
    assert ("session", world.session.pk) in _found(staff, str(year), sources=["session"])


@pytest.mark.parametrize(
    "role,sees",
    [
        ("staff", True),
        ("cochair", True),
        ("team", True),
        ("bystander", False),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_a_draft_is_found_only_by_those_who_may_read_it(drafting, role, sees):
    user = drafting.users[role]
    page = search(user, "zanzibarite")
    assert (page.count == 1) is sees
    if not sees:  # a hidden record is not even counted
        assert page.count == 0 and page.hits == []


def test_a_record_type_seen_whole_is_matched_by_type_and_a_filtered_one_by_its_ids(drafting):
    """Staff see every paper version: their search names the type and plans no subquery
    for it; a co-chair's search keeps the selector's filter for the same type."""
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    for role in ("staff", "cochair"):
        statements.clear()
        with connection.execute_wrapper(record):
            assert search(drafting.users[role], "zanzibarite", sources=["paper_version"]).count == 1
        (ranking,) = [sql for sql in statements if "matched" in sql]
        assert ("e.source = ANY" in ranking) is (role == "staff")
        assert ("e.object_id IN (" in ranking) is (role != "staff")


def test_a_paper_is_found_by_a_word_of_its_french_translation(drafting, api):
    staff = drafting.users["staff"]
    translator = UserFactory(username="search-translator")
    (french,) = version_translations_request(
        actor=staff, version=drafting.version, languages=["fr"]
    )
    engine.translation_assign(actor=staff, translation=french, translator=translator)
    engine.translation_transition(actor=staff, translation=french, name="start")
    engine.translation_transition(actor=translator, translation=french, name="submit", text=FRENCH)
    engine.translation_transition(actor=staff, translation=french, name="publish")
    reindex_all(["paper_translation"])
    # without the accent, and a different form of the word: unaccent + the French stemmer
    response = api(staff).get("/api/v1/search/", {"q": "numerique"})
    assert response.status_code == 200
    (hit,) = response.json()["results"]
    assert hit["type"] == "paper_translation" and hit["language"] == "fr"
    assert hit["url"] == reverse("admin:roundtables_workingpaper_change", args=[drafting.paper.pk])
    assert "<mark>numériques</mark>" in hit["snippet_html"]


def test_spanish_text_is_found_without_accents(world):
    world.session.title_es = "Movilidad"
    world.session.description_es = SPANISH
    world.session.save()
    reindex_all(["session"])
    hits = search(world.users["staff"], "migracion laboral").hits
    assert [(h.source, h.language) for h in hits] == [("session", "es")]


def test_snippets_are_escaped(world):
    world.session.description = "<script>alert(1)</script> fees & escapedword"
    world.session.save()
    reindex_all(["session"])
    (hit,) = search(world.users["staff"], "escapedword").hits
    assert "<script" not in hit.snippet_html
    assert "&amp; <mark>escapedword</mark>" in hit.snippet_html


@pytest.mark.parametrize("sessions", [1, 6])
def test_query_count_is_fixed_whatever_the_volume(world, sessions, django_assert_num_queries):
    for number in range(2, sessions + 2):
        SessionFactory(roundtable=world.session.roundtable, number=number, title="Volume test")
    reindex_all()
    staff = world.users["staff"]
    search(staff, "warm up")  # the user's groups, content types: cached per request
    with django_assert_num_queries(2):  # rank and count, then the page's snippets
        page = search(staff, "volume")
    assert page.count == sessions + (0 if sessions else 0) and len(page.hits) == sessions


def test_a_title_hit_outranks_a_hit_deep_in_the_text(world):
    deep = SessionFactory(roundtable=world.session.roundtable, number=2, title="Other")
    top = SessionFactory(roundtable=world.session.roundtable, number=3, title="Kestrelword")
    reindex_all(["session"])
    # the word only past the start of the text: found (`vector`), ranked last (`head`)
    entries = SearchEntry.objects.filter(source="session", object_id=deep.pk)
    assert entries.update(body="filler " * 500 + "kestrelword")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE gfmd_searchentry SET {VECTORS_SQL} WHERE object_id = %s", [deep.pk])
    found = _found(world.users["staff"], "kestrelword", sources=["session"])
    assert found == [("session", top.pk), ("session", deep.pk)]


def test_a_broad_query_ranks_a_bounded_set_and_says_there_is_more(world, api, client, monkeypatch):
    for number in range(2, 8):
        SessionFactory(roundtable=world.session.roundtable, number=number, title="Broadword")
    reindex_all(["session"])
    staff = world.users["staff"]
    exact = search(staff, "broadword", sources=["session"])
    assert (exact.count, exact.more) == (6, False)
    monkeypatch.setattr(query, "MAX_CANDIDATES", 3)
    capped = search(staff, "broadword", sources=["session"])
    assert capped.more and 1 <= capped.count <= 3 and len(capped.hits) == capped.count
    body = api(staff).get("/api/v1/search/", {"q": "broadword", "type": "session"}).json()
    assert body["more"] is True and body["count"] == capped.count
    client.force_login(staff)
    page = client.get(reverse("admin-search"), {"q": "broadword", "type": "session"})
    assert f"More than {capped.count} results" in page.content.decode()


@pytest.mark.parametrize(
    "params,field",
    [({}, "q"), ({"q": "x", "type": "nothing"}, "type"), ({"q": "x", "page": 51}, "page")],
)
def test_bad_queries_get_a_4xx_in_the_one_error_format(world, api, params, field):
    response = api(world.users["staff"]).get("/api/v1/search/", params)
    assert response.status_code == 400
    assert response.json()["type"] == "validation_error" and field in response.json()["fields"]


def test_the_admin_header_searches_everything(drafting, client):
    client.force_login(drafting.users["staff"])
    page = client.get(reverse("admin:index"))
    assert b'id="header-search"' in page.content
    response = client.get(reverse("admin-search"), {"q": "zanzibarite"})
    assert response.status_code == 200
    assert "<mark>zanzibarite</mark>" in response.content.decode()


def test_the_admin_search_page_is_staff_only(drafting, client):
    client.force_login(drafting.users["cochair"])
    response = client.get(reverse("admin-search"), {"q": "zanzibarite"})
    assert response.status_code == 302 and "login" in response["Location"]


def test_index_rows_are_dropped_with_the_record(world):
    reindex_all(["session"])
    assert SearchEntry.objects.filter(source="session", object_id=world.session.pk).exists()
    world.session.paper.delete()
    world.session.delete()
    reindex_all(["session"])
    assert not SearchEntry.objects.filter(source="session", object_id=world.session.pk).exists()


def test_a_pdf_versions_text_is_read_after_commit_and_found(
    world, django_capture_on_commit_callbacks
):
    set_state(world.paper, PaperState.DRAFTING)
    pdf = upload("paper.pdf", pdf_with_text("Okavango seasonal labour pilot"))
    with django_capture_on_commit_callbacks(execute=True):
        version = version_add_file(actor=world.users["staff"], paper=world.paper, upload=pdf)
    version.refresh_from_db()
    assert "Okavango seasonal labour pilot" in version.text
    assert ("paper_version", version.pk) in _found(world.users["staff"], "okavango")
