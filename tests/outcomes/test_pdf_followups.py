"""The IMRF report as PDF in three languages (WeasyPrint), the committed demo PDF's text,
and follow-up entries append-only in the database."""

import io
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.db.models import Max
from django.db.utils import DatabaseError
from pypdf import PdfReader

from gfmd.models import Edition
from outcomes.models import FollowUp
from outcomes.services.reports import report_create, report_generate
from tests.factories import EditionFactory
from tests.outcomes.factories import FollowUpFactory, RecommendationFactory

pytestmark = pytest.mark.django_db
DOCS = Path(__file__).resolve().parents[2] / "docs"


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_pdf_export_in_three_languages(api, staff):
    RecommendationFactory(edition=EditionFactory(year_start=2019))
    report = report_create(actor=staff, year_from=2019, year_to=2022)
    report_generate(report_id=report.pk)
    url = f"/api/v1/outcomes/imrf-reports/{report.pk}/export/"
    expected = {"en": "Objective 20", "fr": "Objectif 20", "es": "Objetivo 20"}
    for language, heading in expected.items():
        response = api(staff).get(url, {"file_format": "pdf", "lang": language})
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        content = b"".join(response.streaming_content)
        assert content.startswith(b"%PDF")
        text = _text(content)
        assert heading in text
        assert "2019-2022" in text
    assert api(staff).get(url, {"file_format": "odt"}).status_code == 400


def test_committed_demo_pdf_has_the_report_text():
    """docs/imrf-report-demo.pdf: `manage.py export_imrf_report` over the demo data."""
    text = _text((DOCS / "imrf-report-demo.pdf").read_bytes())
    assert "GFMD contribution to the IMRF, 2017-2020" in text
    assert "Objective 20: Remittances" in text
    assert "Objective 23" in text
    assert "the contributions of 1 government are not counted" in " ".join(text.split())


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE outcomes_followup SET status = 'implemented' WHERE id = %s",
        "UPDATE outcomes_followup SET evidence = 'rewritten' WHERE id = %s",
        "DELETE FROM outcomes_followup WHERE id = %s",
    ],
)
def test_follow_up_entries_are_append_only_in_the_database(statement):
    entry = FollowUpFactory()
    refused = pytest.raises(DatabaseError, match="append-only")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [entry.pk])
    entry.refresh_from_db()
    assert (entry.status, entry.evidence) == ("in_progress", "Pilot programme launched.")


def test_renumbering_an_edition_still_cascades_to_follow_up_ordinals():
    """The one UPDATE the trigger lets through: the copied ordinals kept true."""
    entry = FollowUpFactory()
    edition = entry.edition
    # later than every edition (factory ordinals grow over a whole run): still after the
    # recommendation's, and free
    later = Edition.objects.aggregate(last=Max("ordinal"))["last"] + 1000
    with connection.cursor() as cursor:
        cursor.execute("UPDATE gfmd_edition SET ordinal = %s WHERE id = %s", [later, edition.pk])
    assert FollowUp.objects.get(pk=entry.pk).edition_ordinal == later
