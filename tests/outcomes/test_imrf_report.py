"""The IMRF report: grouping and counts by objective, opt-outs, staff edits kept."""

import pytest

from outcomes.enums import GenerationState, ReportState, SectionOrigin
from outcomes.models import ReportSection
from outcomes.services.reports import (
    report_create,
    report_generate,
    report_transition,
    section_edit,
    section_revert,
)

pytestmark = pytest.mark.django_db


def generated(imrf, **kwargs):
    report = report_create(actor=imrf.staff, year_from=2019, year_to=2022, **kwargs)
    assert report_generate(report_id=report.pk)
    report.refresh_from_db()
    return report


def section(report, number):
    return ReportSection.objects.get(report=report, key=f"objective-{number:02d}")


def test_grouping_and_counts_by_objective(imrf):
    report = generated(imrf)
    assert report.generation == GenerationState.DONE and report.progress == 100
    assert ReportSection.objects.filter(report=report).count() == 24
    remittances = section(report, 20)
    assert remittances.counts == {
        "findings": 2,  # 2019 and 2021 final papers; 2020's is a draft
        "inputs": 2,  # Mexico 2020, France 2021 (France opted out for 2020 only)
        "recommendations": 1,  # 2019's; 2018's is outside the period
        "follow_ups": 4,  # two of rec19, two of rec18 (recorded in the period)
        "follow_ups_by_status": {"in_progress": 2, "implemented": 1, "superseded": 1},
    }
    ids = {(s["source"], s["id"]) for s in remittances.sources}
    assert ("inputs", imrf.inputs["mex20"].pk) in ids
    assert ("inputs", imrf.inputs["fra20"].pk) not in ids
    assert section(report, 6).counts["findings"] == 0  # the 2018 paper is outside
    assert section(report, 6).counts["follow_ups"] == 2
    assert section(report, 1).counts["findings"] == 1
    assert section(report, 2).generated_body == (
        "No content of the period was tagged with this objective."
    )
    text = remittances.generated_body
    assert text.startswith("Findings (final working papers): 2\n")
    assert f"/api/v1/inputs/{imrf.inputs['mex20'].pk}/" in text
    assert remittances.heading == "Objective 20: Remittances"
    assert remittances.heading_es.endswith("Remesas")


def test_opt_out_for_every_edition_removes_all_of_a_government(imrf):
    from outcomes.services.tagging import optout_record
    from tests.factories import country

    optout_record(actor=imrf.staff, country=country("FRA"))
    report = generated(imrf)
    remittances = section(report, 20)
    assert remittances.counts["inputs"] == 1  # Mexico only
    assert remittances.counts["follow_ups"] == 3  # France's follow-up of rec18 is gone
    assert section(report, 6).counts["follow_ups"] == 1
    intro = ReportSection.objects.get(report=report, key="introduction")
    assert "the contributions of 1 government are not counted" in intro.generated_body


def test_regenerating_keeps_staff_edits(imrf):
    report = generated(imrf)
    edited = section_edit(
        actor=imrf.staff,
        section=section(report, 20),
        body="Staff summary of remittances.",
        body_fr="Résumé du personnel.",
    )
    assert edited.origin == SectionOrigin.EDITED
    # new content arrives, then the report is regenerated
    from outcomes.registry import subject_for
    from outcomes.services.tagging import tags_set

    tags_set(
        actor=imrf.staff, subject=subject_for("session"), obj=imrf.sessions[1], objectives=[20, 2]
    )
    assert report_generate(report_id=report.pk)
    kept = section(report, 20)
    assert kept.origin == SectionOrigin.EDITED
    assert kept.edited_body == "Staff summary of remittances."
    assert kept.edited_body_fr == "Résumé du personnel."
    assert kept.counts["findings"] == 2  # the generated part is refreshed beside it
    assert section(report, 2).counts["findings"] == 1  # a generated section is rewritten
    reverted = section_revert(actor=imrf.staff, section=kept)
    assert reverted.origin == SectionOrigin.GENERATED and reverted.edited_body == ""


def test_workflow_draft_review_approved_freezes_the_report(imrf):
    report = generated(imrf)
    report_transition(actor=imrf.staff, report=report, name="submit")
    report_transition(actor=imrf.staff, report=report, name="approve")
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED
    from gfmd.platform.errors import ConflictError

    with pytest.raises(ConflictError):
        section_edit(actor=imrf.staff, section=section(report, 20), body="Late edit")
    assert report_generate(report_id=report.pk) is False
