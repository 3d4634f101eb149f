"""load_demo gives the dashboard's default edition (the one in office) something in every
panel, and a second load adds nothing (each app's load_cycle is idempotent)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from civil_society.models import Application, CSDEdition
from gfmd import demo as gfmd_demo
from gfmd.platform.dashboard import panels_for
from gfmd.platform.models import ActivityLog
from gfmd.selectors.editions import current_edition
from registration.models import Participant
from roundtables.models import Input, WorkingPaper

pytestmark = [pytest.mark.slow]


def _figures(panel) -> dict:
    return {str(f.label): f.value for f in panel.figures}


def test_every_panel_of_the_edition_in_office_has_content(demo):
    edition = current_edition()
    assert edition.title == "GFMD 2024 (Colombia)"
    staff = get_user_model().objects.get(username=gfmd_demo.STAFF_USERNAME)
    panels = {p.key: p for p in panels_for(edition, staff)}
    for key in ("troika", "balance", "seats", "papers", "inputs", "translations"):
        assert key in panels, key
    for key in ("csd", "registration", "contributions", "activity"):
        assert key in panels, key
    assert _figures(panels["seats"])["Seats filled"] == "5 / 8"
    papers = _figures(panels["papers"])
    assert {"Planned", "Drafting", "In consultation", "Final"} <= set(papers)
    assert _figures(panels["inputs"])["Waiting"] == 5  # three on RT 1.1, two on the note
    assert _figures(panels["translations"])["Due within a week"] == 1
    reviewed, submitted = _figures(panels["csd"])["Applications reviewed"].split(" / ")
    assert 0 < int(reviewed) < int(submitted)
    assert _figures(panels["csd"])["Selected"] > 0
    assert _figures(panels["registration"])["Approved"] > 0
    assert _figures(panels["contributions"])["Donors"] > 0


def test_a_second_load_adds_nothing(demo):
    counts = [
        m.objects.count()
        for m in (WorkingPaper, Input, Application, CSDEdition, Participant, ActivityLog)
    ]
    call_command("load_demo", stdout=io.StringIO())
    assert [
        m.objects.count()
        for m in (WorkingPaper, Input, Application, CSDEdition, Participant, ActivityLog)
    ] == counts
