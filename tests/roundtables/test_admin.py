"""Admin: the roundtable board, transition actions and the input review screen."""

import pytest
from django.urls import reverse

from gfmd.platform.models import ActivityLog
from roundtables.enums import CoChairState, Decision, PaperState
from roundtables.models import CoChair, Session
from tests.factories import country
from tests.roundtables.factories import SessionFactory, ThemeFactory, add_input, set_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, world):
    client.force_login(world.users["staff"])
    return client


def test_board_shows_seats_proposals_papers_and_flags(world, staff_client):
    second = SessionFactory(roundtable=world.session.roundtable, number=2, title="Diaspora")
    CoChair.objects.create(
        session=second,
        country=country("DEU"),
        state="confirmed",
        seat="developed",
        origin="nominated",
    )
    CoChair.objects.create(session=second, country=country("ECU"), origin="volunteered")

    response = staff_client.get(reverse("admin:roundtables_board", args=[world.edition.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "2 session(s), 1 ready (both seats filled), 1 open seat(s)." in html
    assert (
        "Co-chairing more than one session (allowed)" in html and "Germany (RT 1.1, RT 1.2)" in html
    )
    assert "Ecuador (developing, volunteered by the government)" in html
    assert "Start drafting" in html  # the paper's allowed transitions


def test_board_index_redirects_to_latest_edition(world, staff_client):
    response = staff_client.get(reverse("admin:roundtables_board_index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:roundtables_board", args=[world.edition.pk])


def test_board_confirm_button_confirms_and_reports_conflicts(world, staff_client):
    second = SessionFactory(roundtable=world.session.roundtable, number=2)
    ecuador = CoChair.objects.create(session=second, country=country("ECU"), origin="volunteered")
    ghana = CoChair.objects.create(session=second, country=country("GHA"), origin="volunteered")
    url = "admin:roundtables_board_cochair"

    ok = staff_client.post(
        reverse(url, args=[world.edition.pk, ecuador.pk, "confirm"]), follow=True
    )
    clash = staff_client.post(
        reverse(url, args=[world.edition.pk, ghana.pk, "confirm"]), follow=True
    )

    ecuador.refresh_from_db()
    ghana.refresh_from_db()
    assert ecuador.state == CoChairState.CONFIRMED and ecuador.seat == "developing"
    assert "confirm done" in ok.content.decode()
    assert ghana.state == CoChairState.PROPOSED
    assert "already has a confirmed developing co-chair (Ecuador)" in clash.content.decode()


def test_board_refuses_get_and_non_staff(world, client):
    proposal = CoChair.objects.create(
        session=SessionFactory(roundtable=world.session.roundtable, number=2),
        country=country("ECU"),
        origin="volunteered",
    )
    url = reverse(
        "admin:roundtables_board_cochair", args=[world.edition.pk, proposal.pk, "confirm"]
    )
    chair = world.users["chair"]
    chair.is_staff = True  # even with admin access, a focal point is not Support Unit
    chair.save()
    client.force_login(chair)
    assert (
        client.get(reverse("admin:roundtables_board", args=[world.edition.pk])).status_code == 403
    )
    client.force_login(world.users["staff"])
    assert client.get(url).status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == CoChairState.PROPOSED


def test_board_paper_transition_with_deadline(world, staff_client):
    paper = set_state(world.paper, PaperState.DRAFTING)
    url = reverse("admin:roundtables_workingpaper_transition", args=[paper.pk, "open_consultation"])

    staff_client.post(url, {"deadline": "2099-03-01"})

    paper.refresh_from_db()
    assert paper.state == PaperState.CONSULTATION
    assert paper.consultation_deadline.date().isoformat() == "2099-03-01"


def test_changelist_transition_action_moves_paper_and_reports_refusals(world, staff_client):
    other = SessionFactory(roundtable=world.session.roundtable, number=2).paper
    set_state(other, PaperState.FINAL)
    response = staff_client.post(
        reverse("admin:roundtables_workingpaper_changelist"),
        {"action": "start_drafting", "_selected_action": [world.paper.pk, other.pk]},
        follow=True,
    )
    world.paper.refresh_from_db()
    other.refresh_from_db()
    assert world.paper.state == PaperState.DRAFTING
    assert other.state == PaperState.FINAL
    assert "Cannot start drafting" in response.content.decode()


def test_review_screen_records_decision_and_gate(world, staff_client):
    paper = set_state(world.paper, PaperState.CONSULTATION)
    item = add_input(paper, country=country("BRA"), text="Cite the 2019 survey")
    url = reverse("admin:roundtables_workingpaper_review", args=[paper.pk])

    page = staff_client.get(url).content.decode()
    assert "Cite the 2019 survey" in page and "https://example.org/survey-2019" in page
    finalise = reverse("admin:roundtables_workingpaper_transition", args=[paper.pk, "finalise"])
    refused = staff_client.post(finalise, {"next": url}, follow=True).content.decode()
    assert "have no decision yet" in refused

    staff_client.post(url, {"input": item.pk, "decision": "included", "reason": "Sound data"})
    item.refresh_from_db()
    assert (item.decision, item.decision_reason) == (Decision.INCLUDED, "Sound data")
    missing_reason = staff_client.post(
        url, {"input": item.pk, "decision": "not_included", "reason": ""}, follow=True
    )
    assert "Give the reason for the decision." in missing_reason.content.decode()

    staff_client.post(finalise, {"next": url})
    paper.refresh_from_db()
    assert paper.state == PaperState.FINAL
    assert list(paper.final_version.included_inputs.all()) == [item]


@pytest.mark.parametrize(
    "target",
    ["//evil.example/x", "https://evil.example/x", "/\\evil.example/x", "javascript:alert(1)"],
)
def test_transition_next_outside_the_site_falls_back_to_the_board(world, staff_client, target):
    transition = reverse(
        "admin:roundtables_workingpaper_transition", args=[world.paper.pk, "start_drafting"]
    )
    response = staff_client.post(transition, {"next": target})
    board = reverse("admin:roundtables_board", args=[world.session.roundtable.edition_id])
    assert response.status_code == 302 and response["Location"] == board
    review = reverse("admin:roundtables_workingpaper_review", args=[world.paper.pk])
    assert staff_client.post(transition, {"next": review})["Location"] == review


def test_session_added_in_admin_gets_its_paper_and_is_audited(world, staff_client):
    response = staff_client.post(
        reverse("admin:roundtables_session_add"),
        {
            "roundtable": world.session.roundtable.pk,
            "number": 7,
            "title": "Climate and mobility",
            "theme": ThemeFactory(name="Environmental change").pk,
            "observers_may_submit": "on",
            "description": "",
            "room": "",
            "cochairs-TOTAL_FORMS": 0,
            "cochairs-INITIAL_FORMS": 0,
            "team-TOTAL_FORMS": 0,
            "team-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    session = Session.objects.get(number=7)
    assert session.paper.state == PaperState.PLANNED
    assert ActivityLog.objects.filter(action="session.create", object_id=str(session.pk)).exists()


def test_cochair_nomination_in_admin(world, staff_client):
    second = SessionFactory(roundtable=world.session.roundtable, number=2)
    staff_client.post(
        reverse("admin:roundtables_cochair_add"),
        {"session": second.pk, "country": country("ITA").pk, "reason": "Offered at SG"},
    )
    cochair = CoChair.objects.get(session=second)
    assert (cochair.origin, cochair.state) == ("nominated", "proposed")
