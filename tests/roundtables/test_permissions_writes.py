"""The rest of the permission matrix: programme writes, co-chair and team transitions,
paper edits and diffs, per role."""

import pytest

from roundtables.enums import CoChairState, PaperState, TeamState
from roundtables.models import CoChair, Roundtable, Theme
from tests.factories import country
from tests.roundtables.conftest import ROLES
from tests.roundtables.factories import SessionFactory, add_text_version, set_state, team_member

pytestmark = pytest.mark.django_db

# The programme is read by government and organisation focal points (not a mechanism's).
FOCAL = set(ROLES) - {"outsider", "anonymous", "mechanism"}
PREPARING = {"staff", "chair", "cochair", "team", "steering"}
DENIED = (401, 403)


def _denied_or_missing(role, status, visible_to):
    """Roles that can see the object get 403; the others 404 (or 401/403 on lists)."""
    if role in visible_to:
        return status == 403
    return status in (404, *DENIED)


@pytest.mark.parametrize("role", ROLES)
def test_programme_writes_are_staff_only(world, api, role):
    client = api(world.users[role])
    theme = client.post("/api/v1/themes/", {"name": "Future of work"}, format="json")
    roundtable = client.post(
        "/api/v1/roundtables/",
        {"edition": world.edition.pk, "number": 9, "title": "New RT"},
        format="json",
    )
    session = client.post(
        "/api/v1/sessions/",
        {
            "roundtable": world.session.roundtable_id,
            "number": 9,
            "title": "New session",
            "theme": world.session.theme_id,
        },
        format="json",
    )
    rename = client.patch(
        f"/api/v1/sessions/{world.session.pk}/", {"room": "Hall B"}, format="json"
    )
    if role == "staff":
        assert (theme.status_code, roundtable.status_code, session.status_code) == (201, 201, 201)
        assert session.json()["paper"]["state"] == "planned"
        assert rename.status_code == 200 and rename.json()["room"] == "Hall B"
    else:
        assert theme.status_code in DENIED and roundtable.status_code in DENIED
        assert session.status_code in DENIED
        assert rename.status_code == (403 if role in FOCAL else 404)
        assert not Theme.objects.filter(name="Future of work").exists()
        assert not Roundtable.objects.filter(number=9).exists()


@pytest.fixture
def second_session(world):
    return SessionFactory(roundtable=world.session.roundtable, number=2)


@pytest.mark.parametrize("role", ROLES)
def test_decline_cochair_by_staff_or_chair(world, api, second_session, role):
    proposal = CoChair.objects.create(
        session=second_session, country=country("ITA"), origin="volunteered"
    )
    response = api(world.users[role]).post(
        f"/api/v1/cochairs/{proposal.pk}/decline/", {"reason": "Seat promised"}, format="json"
    )
    proposal.refresh_from_db()
    if role in ("staff", "chair"):
        assert response.status_code == 200 and proposal.state == CoChairState.DECLINED
    else:
        assert _denied_or_missing(role, response.status_code, FOCAL)
        assert proposal.state == CoChairState.PROPOSED


@pytest.mark.parametrize("role", ROLES)
def test_withdraw_cochair_by_own_government_chair_or_staff(world, api, role):
    germany = CoChair.objects.get(session=world.session, country__iso3="DEU")
    response = api(world.users[role]).post(
        f"/api/v1/cochairs/{germany.pk}/withdraw/", {"reason": "Elections"}, format="json"
    )
    germany.refresh_from_db()
    if role in ("staff", "chair", "cochair"):
        assert response.status_code == 200 and germany.state == CoChairState.WITHDRAWN
    else:
        assert _denied_or_missing(role, response.status_code, FOCAL)
        assert germany.state == CoChairState.CONFIRMED


@pytest.mark.parametrize("role", ROLES)
def test_replace_cochair_by_staff_or_chair(world, api, role):
    germany = CoChair.objects.get(session=world.session, country__iso3="DEU")
    italy = CoChair.objects.create(
        session=world.session, country=country("ITA"), origin="volunteered"
    )
    response = api(world.users[role]).post(
        f"/api/v1/cochairs/{germany.pk}/replace/",
        {"replacement": italy.pk, "reason": "Germany steps back"},
        format="json",
    )
    italy.refresh_from_db()
    if role in ("staff", "chair"):
        assert response.status_code == 200 and response.json()["country"] == "ITA"
        assert italy.state == CoChairState.CONFIRMED and italy.seat == "developed"
    else:
        assert _denied_or_missing(role, response.status_code, FOCAL)
        assert italy.state == CoChairState.PROPOSED


@pytest.mark.parametrize("role", ROLES)
def test_team_decline_by_cochair_or_staff_and_leave_by_own_government(world, api, role):
    request = team_member(world.session, "ITA", state=TeamState.REQUESTED)
    france = world.session.team.get(country__iso3="FRA")
    client = api(world.users[role])

    decline = client.post(
        f"/api/v1/team-members/{request.pk}/decline/", {"reason": "Team is full"}, format="json"
    )
    leave = client.post(f"/api/v1/team-members/{france.pk}/leave/", {}, format="json")

    request.refresh_from_db()
    france.refresh_from_db()
    assert (decline.status_code == 200) == (role in ("staff", "cochair"))
    assert (leave.status_code == 200) == (role in ("staff", "team"))
    assert (request.state == TeamState.DECLINED) == (role in ("staff", "cochair"))
    assert (france.state == TeamState.LEFT) == (role in ("staff", "team"))
    if role not in ("staff", "cochair", "team"):
        assert _denied_or_missing(role, decline.status_code, FOCAL)
        assert _denied_or_missing(role, leave.status_code, FOCAL)


@pytest.mark.parametrize("role", ROLES)
def test_team_request_own_government_only(world, api, second_session, role):
    response = api(world.users[role]).post(
        "/api/v1/team-members/", {"session": second_session.pk, "country": "BRA"}, format="json"
    )
    if role in ("staff", "friend"):  # Brazil's focal point asks for Brazil
        assert response.status_code == 201 and response.json()["state"] == "requested"
    else:
        assert response.status_code in DENIED


@pytest.mark.parametrize("role", ROLES)
def test_paper_title_edit_and_diff(world, api, role):
    paper = world.paper
    add_text_version(paper, "One\n")
    add_text_version(paper, "Two\n")
    set_state(paper, PaperState.DRAFTING)
    client = api(world.users[role])

    seen = client.get(f"/api/v1/papers/{paper.pk}/")
    etag = seen["ETag"] if seen.status_code == 200 else '"none"'
    edit = client.patch(
        f"/api/v1/papers/{paper.pk}/", {"title": "Renamed"}, format="json", HTTP_IF_MATCH=etag
    )
    diff = client.get(f"/api/v1/papers/{paper.pk}/diff/?from=1&to=2")

    paper.refresh_from_db()
    if role in ("staff", "chair", "cochair"):
        assert edit.status_code == 200 and paper.title == "Renamed"
    else:
        assert _denied_or_missing(role, edit.status_code, PREPARING)
        assert paper.title != "Renamed"
    if role in PREPARING:
        assert diff.status_code == 200 and "+Two" in diff.json()["diff"]
    else:
        assert diff.status_code == 404


def test_theme_catalogue_shows_recurrence_across_editions(world, api):
    from tests.factories import EditionFactory
    from tests.roundtables.factories import RoundtableFactory

    for ordinal in (2, 5, 7):
        earlier = EditionFactory(ordinal=ordinal)
        SessionFactory(roundtable=RoundtableFactory(edition=earlier), theme=world.session.theme)

    body = api(world.users["friend"]).get(f"/api/v1/themes/{world.session.theme_id}/").json()

    assert body["edition_count"] == 4 and body["session_count"] == 4
    assert [s["edition_title"] for s in body["sessions"]][-1] == "GFMD 2020"
