"""Permission matrix: every role against every endpoint and file download.

Roles (see conftest.world): staff, chair (UAE), co-chair (Germany), team member (France),
Steering Group member (Sweden), Friends of the Forum government (Brazil), observer
organisation (IOM), a focal point of a stakeholder mechanism with a Friends of the Forum
seat (the Mayors Mechanism: consulted like an observer, but it does not read the
programme, which is for government and organisation focal points), a focal point with no
role in the edition (Japan: "bystander"), a logged-in user representing nobody
("outsider") and an anonymous caller.
"""

import pytest

from roundtables.enums import CoChairState, Decision, PaperState
from roundtables.models import CoChair, Input
from roundtables.services.versions import version_add_file
from tests.factories import country
from tests.roundtables.conftest import ROLES
from tests.roundtables.factories import (
    PDF_BYTES,
    RoundtableFactory,
    SessionFactory,
    add_input,
    set_state,
    team_member,
    upload,
)

pytestmark = pytest.mark.django_db

PREPARING = {"staff", "chair", "cochair", "team", "steering"}
CONSULTED = PREPARING | {"friend", "observer", "mechanism"}
MANAGERS = {"staff", "chair", "cochair"}
FOCAL = set(ROLES) - {"outsider", "anonymous", "mechanism"}
DENIED = (401, 403)

VISIBLE_BY_STATE = {
    (PaperState.PLANNED, False): PREPARING,
    (PaperState.DRAFTING, False): PREPARING,
    (PaperState.WITHDRAWN, False): PREPARING,
    (PaperState.CONSULTATION, False): CONSULTED,
    (PaperState.FINAL, False): CONSULTED,
    (PaperState.DISTRIBUTED, False): CONSULTED,
    (PaperState.DISTRIBUTED, True): set(ROLES),
}


@pytest.mark.parametrize("state, public", list(VISIBLE_BY_STATE))
@pytest.mark.parametrize("role", ROLES)
def test_paper_visibility_by_role_and_stage(world, api, role, state, public):
    paper = set_state(world.paper, state, public=public)
    client = api(world.users[role])
    visible = role in VISIBLE_BY_STATE[(state, public)]

    listed = client.get("/api/v1/papers/")
    detail = client.get(f"/api/v1/papers/{paper.pk}/")
    access = client.get(f"/api/v1/papers/{paper.pk}/access/")

    assert listed.status_code == 200
    assert [p["id"] for p in listed.json()["results"]] == ([paper.pk] if visible else [])
    assert detail.status_code == (200 if visible else 404)
    assert access.status_code == (200 if visible else 404)
    if visible:
        assert access.json()["visible"] and access.json()["grants"]


@pytest.mark.parametrize(
    "role, state, expected",
    [
        ("staff", PaperState.DRAFTING, ["support_unit"]),
        ("chair", PaperState.DRAFTING, ["chair"]),
        ("cochair", PaperState.DRAFTING, ["cochair"]),
        ("team", PaperState.DRAFTING, ["team"]),
        ("steering", PaperState.DRAFTING, ["steering"]),
        ("friend", PaperState.CONSULTATION, ["friend"]),
        ("observer", PaperState.CONSULTATION, ["observer"]),
        ("mechanism", PaperState.CONSULTATION, ["mechanism"]),
        ("mechanism", PaperState.FINAL, ["mechanism"]),
        ("friend", PaperState.FINAL, ["friend"]),
    ],
)
def test_why_can_i_see_this_names_the_rule(world, api, role, state, expected):
    paper = set_state(world.paper, state)
    body = api(world.users[role]).get(f"/api/v1/papers/{paper.pk}/access/").json()
    assert [g["role"] for g in body["grants"]] == expected
    if role == "friend" and state == PaperState.CONSULTATION:
        assert body["grants"][0]["explanation"] == (
            "Friends of the Forum government, paper in consultation."
        )
        assert body["can_submit_input"] is True and body["can_manage"] is False


def test_why_can_i_see_this_public_paper_for_anonymous(world, api):
    paper = set_state(world.paper, PaperState.DISTRIBUTED, public=True)
    body = api(None).get(f"/api/v1/papers/{paper.pk}/access/").json()
    assert body["grants"] == [
        {"role": "public", "explanation": "Published by the Support Unit: public."}
    ]


@pytest.mark.parametrize("role", ROLES)
def test_version_download_only_for_those_who_see_the_paper(world, api, role):
    paper = set_state(world.paper, PaperState.DRAFTING)
    version = version_add_file(
        actor=world.users["staff"], paper=paper, upload=upload("draft.pdf", PDF_BYTES)
    )
    client = api(world.users[role])

    meta = client.get(f"/api/v1/paper-versions/{version.pk}/")
    download = client.get(f"/api/v1/paper-versions/{version.pk}/download/")
    listed = client.get("/api/v1/paper-versions/")

    if role in PREPARING:
        assert meta.status_code == download.status_code == 200
        assert b"".join(download.streaming_content) == PDF_BYTES
        assert version.pk in [v["id"] for v in listed.json()["results"]]
    else:
        assert meta.status_code == 404
        assert download.status_code in (403, 404)
        assert not getattr(download, "streaming", False)
        assert PDF_BYTES not in download.content
        assert listed.json()["results"] == []


@pytest.mark.parametrize("role", ["anonymous", "outsider", "bystander"])
def test_public_sees_only_the_final_version(world, api, role):
    paper = set_state(world.paper, PaperState.DRAFTING)
    draft = paper.versions.get()
    final = version_add_file(
        actor=world.users["staff"], paper=paper, upload=upload("final.pdf", PDF_BYTES)
    )
    set_state(paper, PaperState.DISTRIBUTED, public=True)
    client = api(world.users[role])

    assert client.get(f"/api/v1/paper-versions/{draft.pk}/download/").status_code == 404
    download = client.get(f"/api/v1/paper-versions/{final.pk}/download/")
    assert b"".join(download.streaming_content) == PDF_BYTES
    listed = client.get("/api/v1/paper-versions/").json()["results"]
    assert [v["id"] for v in listed] == [final.pk]


INPUT_VISIBLE = {
    PaperState.CONSULTATION: MANAGERS | {"friend"},  # managers and the submitting body
    PaperState.FINAL: CONSULTED,  # traceable by everyone who sees the final paper
}


@pytest.mark.parametrize("state", list(INPUT_VISIBLE))
@pytest.mark.parametrize("role", ROLES)
def test_input_and_attachment_visibility(world, api, role, state):
    from roundtables.services.inputs import input_submit

    paper = set_state(world.paper, PaperState.CONSULTATION)
    item = input_submit(
        actor=world.users["friend"],
        paper=paper,
        text="Add data",
        upload=upload("evidence.pdf", PDF_BYTES),
    )
    if state == PaperState.FINAL:
        Input.objects.filter(pk=item.pk).update(decision=Decision.INCLUDED, decision_reason="ok")
        set_state(paper, PaperState.FINAL)
    client = api(world.users[role])
    visible = role in INPUT_VISIBLE[state]

    detail = client.get(f"/api/v1/inputs/{item.pk}/")
    attachment = client.get(f"/api/v1/inputs/{item.pk}/attachment/")
    listed = client.get("/api/v1/inputs/")

    if visible:
        assert detail.status_code == attachment.status_code == 200
        assert b"".join(attachment.streaming_content) == PDF_BYTES
        assert [i["id"] for i in listed.json()["results"]] == [item.pk]
    else:
        assert detail.status_code in (403, 404)
        assert attachment.status_code in (403, 404)
        assert PDF_BYTES not in attachment.content
        assert listed.status_code in DENIED or listed.json()["results"] == []


PROGRAMME_LISTS = ["themes", "roundtables", "sessions", "cochairs", "team-members"]


@pytest.mark.parametrize("endpoint", PROGRAMME_LISTS)
@pytest.mark.parametrize("role", ROLES)
def test_programme_lists_for_focal_points_and_staff(world, api, role, endpoint):
    response = api(world.users[role]).get(f"/api/v1/{endpoint}/")
    if role in FOCAL:
        assert response.status_code == 200
        assert response.json()["count"] >= 1
    else:
        assert response.status_code in DENIED


@pytest.mark.parametrize("role", ROLES)
def test_session_page_shows_cochairs_team_paper_and_slot(world, api, role):
    response = api(world.users[role]).get(f"/api/v1/sessions/{world.session.pk}/")
    if role not in FOCAL:
        assert response.status_code == 404
        return
    body = response.json()
    assert {c["country"]: c["seat"] for c in body["cochairs"]} == {
        "DEU": "developed",
        "MAR": "developing",
    }
    assert [t["country"] for t in body["team"]] == ["FRA"]
    assert body["is_ready"] is True and body["open_seats"] == []
    assert body["paper"]["state"] == "planned"
    assert "slot_start" in body and "room" in body


@pytest.mark.parametrize("role", ROLES)
def test_seat_overview_is_for_staff(world, api, role):
    response = api(world.users[role]).get(
        f"/api/v1/sessions/seat-overview/?edition={world.edition.pk}"
    )
    if role == "staff":
        assert response.status_code == 200 and response.json()["ready"] == 1
    else:
        assert response.status_code in DENIED


@pytest.fixture
def open_session(world):
    return SessionFactory(roundtable=world.session.roundtable, number=2)


@pytest.mark.parametrize("role", ROLES)
def test_confirm_cochair_by_staff_or_chair(world, api, open_session, role):
    proposal = CoChair.objects.create(
        session=open_session, country=country("ITA"), origin="volunteered"
    )
    response = api(world.users[role]).post(f"/api/v1/cochairs/{proposal.pk}/confirm/", {})
    proposal.refresh_from_db()
    if role in ("staff", "chair"):
        assert response.status_code == 200 and response.json()["seat"] == "developed"
        assert proposal.state == CoChairState.CONFIRMED
    else:
        assert response.status_code == (403 if role in FOCAL else 404)
        assert proposal.state == CoChairState.PROPOSED


@pytest.mark.parametrize("role", ROLES)
def test_volunteer_own_government_only(world, api, open_session, role):
    response = api(world.users[role]).post(
        "/api/v1/cochairs/", {"session": open_session.pk, "country": "DEU"}, format="json"
    )
    if role == "staff":
        assert response.status_code == 201 and response.json()["origin"] == "nominated"
    elif role == "cochair":  # Germany's focal point volunteers Germany
        assert response.status_code == 201 and response.json()["origin"] == "volunteered"
    else:
        assert response.status_code in DENIED
        assert not CoChair.objects.filter(session=open_session).exists()


@pytest.mark.parametrize("role", ROLES)
def test_accept_team_member_by_cochair_or_staff(world, api, role):
    request = team_member(world.session, "ITA", state="requested")
    response = api(world.users[role]).post(f"/api/v1/team-members/{request.pk}/accept/", {})
    if role in ("staff", "cochair"):
        assert response.status_code == 200 and response.json()["state"] == "accepted"
    else:
        assert response.status_code == (403 if role in FOCAL else 404)


@pytest.mark.parametrize("role", ROLES)
def test_paper_transition_and_versions_by_managers(world, api, role):
    paper = world.paper
    client = api(world.users[role])
    start = client.post(f"/api/v1/papers/{paper.pk}/start-drafting/", {})
    version = client.post(f"/api/v1/papers/{paper.pk}/versions/", {"text": "Draft"}, format="json")
    if role in MANAGERS:
        assert start.status_code == 200 and version.status_code == 201
    elif role in PREPARING:  # sees the draft, may not move it
        assert start.status_code == version.status_code == 403
    else:
        assert start.status_code == version.status_code == 404
    if role not in MANAGERS:
        assert world.refresh().state == PaperState.PLANNED and not paper.versions.exists()


@pytest.mark.parametrize("role", ROLES)
def test_submit_input_by_consulted_bodies(world, api, role):
    paper = set_state(world.paper, PaperState.CONSULTATION)
    payload = {"text": "Our experience with skills partnerships"}
    if role == "staff":
        payload["country"] = "BRA"  # staff file an input received by email, naming the body
    response = api(world.users[role]).post(
        f"/api/v1/papers/{paper.pk}/inputs/", payload, format="json"
    )
    if role in CONSULTED:
        assert response.status_code == 201, response.json()
    else:
        assert response.status_code == 404
        assert not paper.inputs.exists()


@pytest.mark.parametrize("role", ROLES)
def test_decide_input_by_cochairs_chair_or_staff(world, api, role):
    paper = set_state(world.paper, PaperState.CONSULTATION)
    item = add_input(paper, country=country("BRA"))
    item.submitted_by = world.users["friend"]
    item.save()
    response = api(world.users[role]).post(
        f"/api/v1/inputs/{item.pk}/decide/",
        {"decision": "partly_included", "reason": "Evidence covers two countries only"},
        format="json",
    )
    item.refresh_from_db()
    if role in MANAGERS:
        assert response.status_code == 200 and item.decision == "partly_included"
    else:
        assert response.status_code == (403 if role == "friend" else 404)
        assert item.decision == ""


@pytest.mark.parametrize("role", ROLES)
def test_publish_is_staff_only(world, api, role):
    paper = set_state(world.paper, PaperState.FINAL)
    response = api(world.users[role]).post(f"/api/v1/papers/{paper.pk}/publish/")
    if role == "staff":
        assert response.status_code == 200
    else:
        assert response.status_code == (403 if role in CONSULTED else 404)
        assert not world.refresh().is_public


@pytest.mark.parametrize("role", ROLES)
def test_activity_of_a_paper_is_staff_only(world, api, role):
    response = api(world.users[role]).get(f"/api/v1/papers/{world.paper.pk}/activity/")
    if role == "staff":
        assert response.status_code == 200
    else:
        assert response.status_code == (403 if role in PREPARING else 404)


def test_other_editions_steering_term_does_not_grant_drafts(world, api):
    """Steering Group membership counts for the editions its term overlaps."""
    from tests.factories import EditionFactory, SteeringMemberFactory

    old = EditionFactory(ordinal=1, year_start=2007, title="GFMD 2007")
    session = SessionFactory(roundtable=RoundtableFactory(edition=old, number=1))
    from gfmd.models import SteeringGroupMembership

    SteeringGroupMembership.objects.filter(country=country("SWE")).delete()
    SteeringMemberFactory(country=country("SWE"), start_date="2019-01-01")
    client = api(world.users["steering"])
    assert client.get(f"/api/v1/papers/{session.paper.pk}/").status_code == 404
    assert client.get(f"/api/v1/papers/{world.paper.pk}/").status_code == 200
