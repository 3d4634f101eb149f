"""The demo's outcomes, the admin pages, the Celery task and the committed sample export."""

import io
from pathlib import Path

import pytest
from django.urls import reverse

from outcomes.enums import GenerationState
from outcomes.models import FollowUp, IMRFReport, Recommendation, ReportSection
from outcomes.tasks import generate_imrf_report
from tests.factories import EditionFactory
from tests.outcomes.factories import FollowUpFactory, RecommendationFactory

pytestmark = pytest.mark.django_db
DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_task_generates_with_progress_and_stops_quietly_when_the_report_is_gone(staff):
    report = IMRFReport.objects.create(title="T", year_from=2019, year_to=2022)
    assert generate_imrf_report.apply(kwargs={"report_id": report.pk}).get() is True
    report.refresh_from_db()
    assert (report.generation, report.progress) == (GenerationState.DONE, 100)
    assert ReportSection.objects.filter(report=report).count() == 24
    assert generate_imrf_report.apply(kwargs={"report_id": report.pk + 999}).get() is False


def test_committed_sample_export_has_every_objective_in_three_languages():
    english = (DOCS / "imrf-report-demo.en.html").read_text()
    assert "GFMD contribution to the IMRF, 2017-2020" in english
    assert english.count("<h2>Objective ") == 23
    assert "Objective 20: Remittances" in english
    assert "the contributions of 1 government are not counted" in english
    assert "Objectif 20 : Envois de fonds" in (DOCS / "imrf-report-demo.fr.html").read_text()
    assert "Objetivo 20: Remesas" in (DOCS / "imrf-report-demo.es.html").read_text()


ADMIN_MODELS = [
    "objective",
    "sdgtarget",
    "editiontagging",
    "reportingoptout",
    "recommendation",
    "followup",
    "imrfreport",
    "reportsection",
]


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_admin_changelists_for_staff_only(model, client, staff, outsider):
    rec = RecommendationFactory(edition=EditionFactory())
    FollowUpFactory(recommendation=rec)
    url = reverse(f"admin:outcomes_{model}_changelist")
    client.force_login(staff)
    assert client.get(url).status_code == 200
    client.force_login(outsider)
    assert client.get(url).status_code in (302, 403)


def test_admin_follow_up_page_is_read_only_history(client, staff):
    followup = FollowUpFactory()
    client.force_login(staff)
    page = client.get(reverse("admin:outcomes_followup_change", args=[followup.pk]))
    assert page.status_code == 200
    assert b'name="status"' not in page.content  # entries are not edited
    assert Recommendation.objects.count() == 1 and FollowUp.objects.count() == 1


def test_seed_command_makes_the_volume_and_a_report():
    from django.core.management import call_command

    from outcomes.models import RecommendationTag

    for year in (2019, 2020, 2021, 2022):
        EditionFactory(year_start=year)
    call_command("seed_outcomes", recommendations=10, follow_ups=3, stdout=io.StringIO())
    assert Recommendation.objects.count() == 10
    assert FollowUp.objects.count() == 30
    assert RecommendationTag.objects.count() == 30
    report = IMRFReport.objects.get(title="Seeded IMRF report")
    assert report.generation == GenerationState.DONE
    counted = sum(
        s.counts.get("recommendations", 0) for s in ReportSection.objects.filter(report=report)
    )
    assert counted == 20  # two objectives per recommendation
