"""Stakeholder mechanisms in the roundtables: inputs to working papers (like observers)
and places on government teams. The world (conftest) gives the Mayors Mechanism a Friends
of the Forum seat since 2019 and a focal point ("mechanism")."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from gfmd.platform.models.activity import ActivityLog
from roundtables.enums import PaperState, TeamState
from roundtables.models import Input, TeamMembership
from roundtables.services.papers import document_create
from tests.factories import FocalPointFactory, MechanismFactory, country
from tests.roundtables.factories import add_input, set_state

pytestmark = pytest.mark.django_db

INSERT_INPUT = """
    INSERT INTO roundtables_input (paper_id, consultation_round, country_id, organisation_id,
        mechanism_id, submitted_at, text, evidence, attachment, attachment_name,
        attachment_content_type, attachment_size, attachment_checksum, decision,
        decision_reason)
    VALUES (%s, 1, %s, %s, %s, now(), 'x', '', '', '', '', 0, '', '', '')
"""


@pytest.mark.parametrize(
    "bodies",
    [("BRA", None, True), (None, None, False), ("BRA", None, False), (None, True, True)],
    ids=["country+mechanism", "none", "country only (control)", "organisation+mechanism"],
)
def test_database_refuses_an_input_without_exactly_one_body(world, bodies):
    iso3, with_organisation, with_mechanism = bodies
    values = (
        world.paper.pk,
        country(iso3).pk if iso3 else None,
        world.organisation.pk if with_organisation else None,
        world.mechanism.pk if with_mechanism else None,
    )
    valid = sum(v is not None for v in values[1:]) == 1
    if valid:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(INSERT_INPUT, values)
    else:
        with (
            pytest.raises(IntegrityError, match="input_one_body"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(INSERT_INPUT, values)


def test_mechanism_focal_point_submits_an_input(world, api):
    paper = set_state(world.paper, PaperState.CONSULTATION)
    client = api(world.users["mechanism"])

    response = client.post(
        f"/api/v1/papers/{paper.pk}/inputs/", {"text": "Cities' experience"}, format="json"
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["mechanism"], body["country"], body["organisation"]) == (
        world.mechanism.pk,
        None,
        None,
    )
    assert body["body_name"] == "Mayors Mechanism"
    item = Input.objects.get(pk=body["id"])
    assert item.body == world.mechanism and item.submitted_by == world.users["mechanism"]
    assert ActivityLog.objects.filter(action="input.submit", object_id=str(item.pk)).exists()
    # its own input: listed and readable; naming the mechanism explicitly works too
    listed = client.get("/api/v1/inputs/").json()["results"]
    assert [i["id"] for i in listed] == [item.pk]
    assert client.get(f"/api/v1/inputs/{item.pk}/").status_code == 200
    again = client.post(
        f"/api/v1/papers/{paper.pk}/inputs/",
        {"text": "More", "mechanism": world.mechanism.pk},
        format="json",
    )
    assert again.status_code == 201 and again.json()["mechanism"] == world.mechanism.pk


@pytest.mark.parametrize("role", ["friend", "observer", "steering", "bystander"])
def test_others_may_not_submit_for_the_mechanism(world, api, role):
    paper = set_state(world.paper, PaperState.CONSULTATION)
    response = api(world.users[role]).post(
        f"/api/v1/papers/{paper.pk}/inputs/",
        {"text": "In the mechanism's name", "mechanism": world.mechanism.pk},
        format="json",
    )
    assert response.status_code == (404 if role == "bystander" else 400)
    if role != "bystander":
        assert "mechanism" in response.json()["fields"]
    assert not paper.inputs.exists()


def test_mechanism_focal_point_may_not_submit_for_a_government(world, api):
    paper = set_state(world.paper, PaperState.CONSULTATION)
    response = api(world.users["mechanism"]).post(
        f"/api/v1/papers/{paper.pk}/inputs/", {"text": "x", "country": "BRA"}, format="json"
    )
    assert response.status_code == 400
    assert not paper.inputs.exists()


def test_mechanism_follows_the_observer_rules(world, api):
    client = api(world.users["mechanism"])
    # a session closed to observers: the paper is seen, inputs are refused
    paper = set_state(world.paper, PaperState.CONSULTATION)
    world.session.observers_may_submit = False
    world.session.save()
    response = client.post(f"/api/v1/papers/{paper.pk}/inputs/", {"text": "x"}, format="json")
    assert response.status_code == 403
    # the Steering Group's texts are not put to the Friends: not seen at all
    text = document_create(
        actor=world.users["staff"],
        edition=world.edition,
        kind="steering_adopted_text",
        title="Adopted text",
    )
    set_state(text, PaperState.CONSULTATION)
    assert client.get(f"/api/v1/papers/{text.pk}/").status_code == 404
    # a mechanism without a seat in the edition: nothing
    other = FocalPointFactory(mechanism=MechanismFactory(code="youth")).user
    world.session.observers_may_submit = True
    world.session.save()
    assert api(other).get(f"/api/v1/papers/{paper.pk}/").status_code == 404


def test_input_summary_counts_mechanisms_apart(world, api):
    paper = set_state(world.paper, PaperState.CONSULTATION)
    add_input(paper, country=country("BRA"))
    Input.objects.create(
        paper=paper, consultation_round=1, mechanism=world.mechanism, text="Cities"
    )
    body = api(world.users["staff"]).get(f"/api/v1/papers/{paper.pk}/input-summary/").json()
    assert (body["inputs"], body["countries"], body["organisations"], body["mechanisms"]) == (
        2,
        1,
        0,
        1,
    )
    assert body["mechanism_names"] == ["Mayors Mechanism"]


@pytest.mark.parametrize("user_kind", ["staff", "mechanism"])
def test_inputs_list_query_count_is_constant(world, api, user_kind):
    paper = set_state(world.paper, PaperState.CONSULTATION)
    client = api(world.users[user_kind])

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/api/v1/inputs/")
        assert response.status_code == 200
        return len(queries), len(response.json()["results"])

    Input.objects.create(paper=paper, consultation_round=1, mechanism=world.mechanism, text="1")
    count()  # warm the per-process caches (content types, the session's user)
    one = count()
    for n in range(4):
        Input.objects.create(
            paper=paper, consultation_round=1, mechanism=world.mechanism, text=str(n)
        )
    many = count()
    assert (one[1], many[1]) == (1, 5)
    assert one[0] == many[0] <= 6


def test_a_mechanism_on_a_government_team(world, api):
    staff, mechanism_user = world.users["staff"], world.users["mechanism"]
    response = api(staff).post(
        "/api/v1/team-members/",
        {"session": world.session.pk, "mechanism": world.mechanism.pk},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["mechanism"], response.json()["country"]) == (world.mechanism.pk, None)
    membership = TeamMembership.objects.get(pk=response.json()["id"])
    accepted = api(staff).post(f"/api/v1/team-members/{membership.pk}/accept/", {})
    assert accepted.status_code == 200 and accepted.json()["state"] == TeamState.ACCEPTED
    # on the team, the mechanism sees the paper while it is drafted, as the team does
    set_state(world.paper, PaperState.DRAFTING)
    access = api(mechanism_user).get(f"/api/v1/papers/{world.paper.pk}/access/").json()
    assert [g["role"] for g in access["grants"]] == ["team"]
    # the session page lists it
    session = api(staff).get(f"/api/v1/sessions/{world.session.pk}/").json()
    assert world.mechanism.pk in [t["mechanism"] for t in session["team"]]
    # only the Support Unit adds a mechanism; twice is refused
    denied = api(world.users["cochair"]).post(
        "/api/v1/team-members/",
        {"session": world.session.pk, "mechanism": world.mechanism.pk},
        format="json",
    )
    assert denied.status_code == 403
    again = api(staff).post(
        "/api/v1/team-members/",
        {"session": world.session.pk, "mechanism": world.mechanism.pk},
        format="json",
    )
    assert again.status_code == 409


def test_team_membership_needs_exactly_one_body(world):
    with pytest.raises(IntegrityError, match="team_one_body"), transaction.atomic():
        TeamMembership.objects.create(
            session=world.session, country=country("ITA"), mechanism=world.mechanism
        )
    with pytest.raises(IntegrityError, match="team_one_body"), transaction.atomic():
        TeamMembership.objects.create(session=world.session)
