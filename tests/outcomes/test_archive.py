"""The public archive of outcome documents (API and Atom feed): published documents only,
by edition, kind, theme and language, anonymous read, fixed query count."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from gfmd.platform.models import DocumentTranslation
from gfmd.platform.translations import TranslationState
from roundtables.enums import PaperState
from roundtables.services.papers import document_create
from tests.factories import EditionFactory, StaffFactory
from tests.roundtables.factories import SessionFactory, set_state

pytestmark = pytest.mark.django_db
URL = "/api/v1/outcomes/archive/"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def archive(db):
    """2019: a published rapporteur report (theme A, English, with a published French
    translation) and published Chair's conclusions; a final but unpublished Report of
    Proceedings; a public working paper (not an outcome). 2020: published conclusions."""
    staff = StaffFactory()
    e19, e20 = EditionFactory(year_start=2019), EditionFactory(year_start=2020)
    session = SessionFactory(roundtable__edition=e19)
    set_state(session.paper, PaperState.FINAL, public=True)

    def doc(edition, kind, public, **kwargs):
        paper = document_create(actor=staff, edition=edition, kind=kind, title=kind, **kwargs)
        paper = set_state(paper, PaperState.DISTRIBUTED, public=public)
        paper.published_at = timezone.now() if public else None
        paper.save(update_fields=["published_at"])
        return paper

    report = doc(e19, "rapporteur_report", True, session=session)
    DocumentTranslation.objects.create(
        document=report.final_version,
        language="fr",
        kind="human",
        state=TranslationState.PUBLISHED,
        text="Rapport",
        translator_name="Agency",
        approved_by=staff,
        approved_at=timezone.now(),
    )
    return {
        "e19": e19,
        "e20": e20,
        "theme": session.theme,
        "report": report,
        "conclusions19": doc(e19, "chair_conclusions", True),
        "proceedings": doc(e19, "report_of_proceedings", False),
        "conclusions20": doc(e20, "chair_conclusions", True),
    }


def _ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_anonymous_reads_published_outcome_documents_only(api, archive):
    client = api()
    published = {archive[k].pk for k in ("report", "conclusions19", "conclusions20")}
    assert _ids(client.get(URL)) == published
    assert client.get(f"{URL}{archive['proceedings'].pk}/").status_code == 404
    row = client.get(f"{URL}{archive['report'].pk}/").json()
    assert row["kind"] == "rapporteur_report"
    assert row["languages"] == ["en-gb", "fr"]  # the stored language codes
    assert row["theme"] == archive["theme"].pk
    assert client.get(row["download"]).status_code == 200  # the public final version


def test_filters_by_edition_kind_theme_and_language(api, archive):
    client = api()
    assert _ids(client.get(URL, {"edition": archive["e20"].pk})) == {archive["conclusions20"].pk}
    assert _ids(client.get(URL, {"kind": "rapporteur_report"})) == {archive["report"].pk}
    assert _ids(client.get(URL, {"theme": archive["theme"].pk})) == {archive["report"].pk}
    assert _ids(client.get(URL, {"lang": "fr"})) == {archive["report"].pk}
    assert len(_ids(client.get(URL, {"lang": "en"}))) == 3
    assert len(_ids(client.get(URL, {"lang": "en-gb"}))) == 3
    for bad in ({"kind": "concept_note"}, {"lang": "de"}, {"edition": "x"}, {"theme": "9" * 20}):
        response = client.get(URL, bad)
        assert response.status_code == 400
        assert response.json()["type"] == "validation_error"


def test_archive_list_query_count_is_fixed(api, archive, django_assert_num_queries):
    client = api()
    client.get(URL)  # content types cached
    # the page with its total (count(*) OVER ()), languages gathered in SQL
    with django_assert_num_queries(1):
        assert client.get(URL).status_code == 200


def test_atom_feed_of_new_publications(client, archive):
    response = client.get(f"{URL}feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert len(titles) == 3
    assert not any(t.startswith("report_of_proceedings") for t in titles)
    only = ET.fromstring(client.get(f"{URL}feed.atom?kind=rapporteur_report").content)
    assert len(list(only.iter(f"{ATOM}entry"))) == 1
