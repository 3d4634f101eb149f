"""The demo programme loads through the services, in every workflow state, idempotently."""

import io

import pytest

from gfmd import demo as gfmd_demo
from gfmd.models import Edition
from roundtables import demo
from roundtables.enums import PaperState
from roundtables.models import Roundtable, WorkingPaper
from roundtables.selectors.programme import seat_overview

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_programme_for_gfmd_2020_is_complete_and_idempotent():
    out = io.StringIO()
    gfmd_demo.load(out)
    demo.load(out)
    demo.load(out)

    edition = Edition.objects.get(ordinal=12)
    assert Roundtable.objects.filter(edition=edition).count() == 3
    overview = seat_overview(edition)
    assert len(overview.sessions) == 6 and overview.ready_count == 3
    assert [c.iso3 for c, _ in overview.multi_session_cochairs] == ["DEU"]
    states = set(
        WorkingPaper.objects.filter(session__roundtable__edition=edition).values_list(
            "state", flat=True
        )
    )
    assert {
        PaperState.PLANNED,
        PaperState.DRAFTING,
        PaperState.CONSULTATION,
        PaperState.FINAL,
        PaperState.DISTRIBUTED,
    } <= states
    distributed = WorkingPaper.objects.get(state=PaperState.DISTRIBUTED, kind="roundtable_paper")
    # RT 3.1's rapporteur report: the outcomes archive's demo entry
    assert WorkingPaper.objects.get(kind="rapporteur_report").is_public
    assert distributed.is_public and distributed.final_version.included_inputs.count() == 2
    assert "already loaded" in out.getvalue()
