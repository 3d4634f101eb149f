"""Review screens offer only what the state allows; the paper page links to the diff."""

import pytest
from django.urls import reverse

from roundtables.enums import PaperState
from tests.factories import country
from tests.roundtables.factories import add_input, add_text_version, set_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, world):
    client.force_login(world.users["staff"])
    return client


@pytest.mark.parametrize(
    ("state", "controls"),
    [
        (PaperState.CONSULTATION, True),
        (PaperState.DRAFTING, True),
        (PaperState.FINAL, False),
        (PaperState.DISTRIBUTED, False),
        (PaperState.WITHDRAWN, False),
    ],
)
def test_decision_controls_follow_the_paper_state(world, staff_client, state, controls):
    paper = set_state(world.paper, state)
    add_input(paper, country=country("BRA"), text="Cite the survey")

    page = staff_client.get(reverse("admin:roundtables_workingpaper_review", args=[paper.pk]))

    html = page.content.decode()
    assert "Cite the survey" in html
    assert ("record-decision" in html) is controls
    assert ('id="decisions-closed"' in html) is not controls


def test_paper_page_links_each_text_version_to_the_api_diff(world, staff_client):
    paper = world.paper
    add_text_version(paper, "First\n", number=1)
    add_text_version(paper, "Second\n", number=2)
    page = staff_client.get(reverse("admin:roundtables_workingpaper_change", args=[paper.pk]))
    link = f"/api/v1/papers/{paper.pk}/diff/?from=1&amp;to=2"
    assert link in page.content.decode()
    api = staff_client.get(f"/api/v1/papers/{paper.pk}/diff/?from=1&to=2")
    assert api.status_code == 200
