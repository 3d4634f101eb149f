"""load_demo gives the outcomes something to show, and the demo's report matches docs/."""

from pathlib import Path

import pytest

from outcomes import exports
from outcomes.models import FollowUp, IMRFReport, ReportingOptOut, ReportSection, SessionTag

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_demo_has_tags_follow_ups_over_three_editions_and_a_draft_report(demo):
    assert SessionTag.objects.exists()
    assert FollowUp.objects.values("edition").distinct().count() == 3
    assert ReportingOptOut.objects.filter(country__iso3="HUN").exists()
    report = IMRFReport.objects.get(year_from=2017, year_to=2020)
    assert (report.state, report.generation) == ("draft", "done")
    sections = list(ReportSection.objects.filter(report=report).order_by("position"))
    committed = (DOCS / "imrf-report-demo.en.html").read_text()
    headings = [line for line in committed.splitlines() if line.startswith("<h2>")]
    generated = exports.report_html(report, sections, "en")
    assert headings == [line for line in generated.splitlines() if line.startswith("<h2>")]


@pytest.mark.parametrize("iso3", ["HUN"])
def test_demo_opt_out_is_announced_in_the_report(demo, iso3):
    intro = ReportSection.objects.get(key="introduction", report__year_from=2017)
    assert "the contributions of 1 government are not counted" in intro.generated_body


def test_demo_links_a_recommendation_to_its_rapporteur_report(demo):
    from outcomes.models import Recommendation

    linked = Recommendation.objects.get(outcome_document__isnull=False)
    assert linked.outcome_document.kind == "rapporteur_report"
    assert linked.outcome_document.edition_id == linked.edition_id
