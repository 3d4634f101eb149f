"""Every role against every governance endpoint: what it must and must not reach."""

import pytest

from gfmd.platform.models import Notification
from tests.factories import EditionFactory, MeetingFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

LISTS = [
    "countries",
    "organisations",
    "focal-points",
    "editions",
    "steering-group",
    "balance-policies",
    "friends-of-the-forum",
    "meetings",
    "agenda-items",
    "attendance",
    "activity",
    "notifications",
    "mechanisms",
    "mechanism-organisations",
    "mechanism-participations",
    "local-governments",
    "working-groups",
    "working-group-chairs",
    "working-group-members",
]
STAFF_ONLY_LISTS = {"activity", "notifications"}
PUBLIC_LISTS = {"editions"}
# A mechanism's focal point lists (scoped to) its mechanism, its working groups and the
# meetings its mechanism takes part in: nothing else governments' roles see.
MECHANISM_LISTS = {"mechanisms", "working-groups", "meetings"}
# Government, organisation and partner-client (acting for a government) focal points.
RECORD_READERS = {"focal_point", "org_focal_point", "partner"}
ROLES = [
    "anonymous",
    "outsider",
    "focal_point",
    "org_focal_point",
    "mechanism_focal_point",
    "partner",
    "staff",
]


@pytest.fixture
def partner(staff):
    """A partner client's service user (the client acts for Germany)."""
    from gfmd.services.clients import partner_client_register
    from tests.factories import country

    client, _ = partner_client_register(
        actor=staff, name="Ministry portal", scopes=["read"], country=country("DEU")
    )
    return client.service_user


def _user(role, request):
    return None if role == "anonymous" else request.getfixturevalue(role)


def _expected_list_status(role, endpoint):
    if endpoint in PUBLIC_LISTS or role == "staff":
        return 200
    if role in RECORD_READERS and endpoint not in STAFF_ONLY_LISTS:
        return 200
    if role == "mechanism_focal_point" and endpoint in MECHANISM_LISTS:
        return 200
    return 403


@pytest.mark.parametrize("endpoint", LISTS)
@pytest.mark.parametrize("role", ROLES)
def test_list_access_per_role(role, endpoint, request, api):
    response = api(_user(role, request)).get(f"/api/v1/{endpoint}/")
    assert response.status_code == _expected_list_status(role, endpoint)


# endpoint -> a payload staff may create (ids filled by the fixture below)
CREATES = {
    "organisations": lambda ids: {"name": "UNHCR", "kind": "un_agency"},
    "mechanisms": lambda ids: {"code": "youth", "name": "Youth", "since_year": 2019},
    "mechanism-organisations": lambda ids: {
        "mechanism": ids["mechanism"],
        "organisation": ids["organisation"],
        "role": "host",
    },
    "mechanism-participations": lambda ids: {
        "mechanism": ids["mechanism"],
        "body": "steering_group",
        "start_date": "2019-01-01",
    },
    "local-governments": lambda ids: {"name": "Quito", "kind": "city", "country": "ECU"},
    "working-groups": lambda ids: {
        "name": "On the 2030 Agenda",
        "mandate": "Draft.",
        "term_from": "2019-01-01",
        "term_to": "2020-12-31",
    },
    "working-group-chairs": lambda ids: {"working_group": ids["group"], "country": "ECU"},
    "working-group-members": lambda ids: {
        "working_group": ids["group"],
        "mechanism": ids["mechanism"],
    },
}


@pytest.fixture
def ids(db):
    from tests.factories import MechanismFactory, WorkingGroupFactory

    return {
        "mechanism": MechanismFactory().pk,
        "organisation": OrganisationFactory().pk,
        "group": WorkingGroupFactory().pk,
    }


@pytest.mark.parametrize("endpoint", sorted(CREATES))
@pytest.mark.parametrize("role", ROLES)
def test_only_staff_create_records_on_every_endpoint(role, endpoint, ids, request, api):
    response = api(_user(role, request)).post(
        f"/api/v1/{endpoint}/", CREATES[endpoint](ids), format="json"
    )
    assert response.status_code == (201 if role == "staff" else 403), response.content


@pytest.mark.parametrize(
    "role,expected", [("anonymous", 403), ("outsider", 403), ("focal_point", 403), ("staff", 201)]
)
def test_only_staff_create_records(role, expected, request, api):
    response = api(_user(role, request)).post(
        "/api/v1/organisations/", {"name": "UNHCR", "kind": "un_agency"}, format="json"
    )
    assert response.status_code == expected


@pytest.mark.parametrize("role,expected", [("outsider", 404), ("focal_point", 403), ("staff", 200)])
def test_only_staff_update_records(role, expected, request, api):
    org = OrganisationFactory()
    response = api(_user(role, request)).patch(
        f"/api/v1/organisations/{org.pk}/", {"acronym": "NEW"}, format="json"
    )
    assert response.status_code == expected


@pytest.mark.parametrize("role,expected", [("outsider", 404), ("focal_point", 403), ("staff", 204)])
def test_only_staff_delete_records(role, expected, request, api):
    org = OrganisationFactory()
    response = api(_user(role, request)).delete(f"/api/v1/organisations/{org.pk}/")
    assert response.status_code == expected


def test_anonymous_sees_only_public_editions(api):
    public = EditionFactory(is_public=True)
    hidden = EditionFactory(is_public=False)
    client = api()

    listed = [e["id"] for e in client.get("/api/v1/editions/").json()["results"]]

    assert listed == [public.pk]
    assert client.get(f"/api/v1/editions/{public.pk}/").status_code == 200
    assert client.get(f"/api/v1/editions/{hidden.pk}/").status_code == 404
    assert client.get(f"/api/v1/editions/{public.pk}/troika/").status_code == 403
    assert client.get(f"/api/v1/editions/{public.pk}/balance/").status_code == 403


def test_focal_point_reads_non_public_edition_and_derived_reports(focal_point, api):
    hidden = EditionFactory(is_public=False, chairs=["DEU"])
    client = api(focal_point)
    assert client.get(f"/api/v1/editions/{hidden.pk}/").status_code == 200
    assert client.get(f"/api/v1/editions/{hidden.pk}/troika/").status_code == 200
    assert client.get(f"/api/v1/editions/{hidden.pk}/balance/").status_code == 200
    assert client.get("/api/v1/steering-group/balance/?on=2020-01-01").status_code == 200


@pytest.mark.parametrize(
    "role,expected", [("anonymous", 404), ("outsider", 404), ("focal_point", 403), ("staff", 200)]
)
def test_override_development_is_staff_only(role, expected, request, api):
    response = api(_user(role, request)).post(
        "/api/v1/countries/MEX/override-development/",
        {"development_override": "developed", "override_reason": "policy"},
        format="json",
    )
    assert response.status_code == expected


@pytest.mark.parametrize("role,expected", [("outsider", 404), ("focal_point", 403), ("staff", 200)])
def test_object_activity_is_staff_only(role, expected, request, api):
    org = OrganisationFactory()
    response = api(_user(role, request)).get(f"/api/v1/organisations/{org.pk}/activity/")
    assert response.status_code == expected


@pytest.mark.parametrize("role,expected", [("focal_point", 403), ("staff", 200)])
def test_send_invitations_is_staff_only(role, expected, request, api):
    meeting = MeetingFactory()
    response = api(_user(role, request)).post(f"/api/v1/meetings/{meeting.pk}/send-invitations/")
    assert response.status_code == expected


@pytest.mark.parametrize("role,expected", [("focal_point", 404), ("staff", 200)])
def test_notification_retry_is_staff_only(role, expected, request, api):
    note = Notification.objects.create(
        key="k", recipient_email="a@example.org", subject="s", body="b", status="failed"
    )
    response = api(_user(role, request)).post(f"/api/v1/notifications/{note.pk}/retry/")
    assert response.status_code == expected


def test_admin_is_closed_to_focal_points_and_anonymous(client, focal_point):
    assert client.get("/admin/gfmd/edition/").status_code == 302  # to login
    client.force_login(focal_point)
    assert client.get("/admin/gfmd/edition/").status_code == 302  # not staff: login again


def test_admin_edit_rights_follow_the_same_rules(client, staff):
    from tests.factories import UserFactory

    helper = UserFactory(is_staff=True)  # may log in, but is not in the Support Unit
    client.force_login(helper)
    assert client.get("/admin/gfmd/organisation/").status_code == 403
    client.force_login(staff)
    assert client.get("/admin/gfmd/organisation/").status_code == 200
    assert client.get("/admin/gfmd/organisation/add/").status_code == 200


# --- the mechanism focal point: its mechanism, its working groups, its meetings ------------


@pytest.fixture
def mechanism_world(mechanism_focal_point):
    from gfmd.models import Attendance, FocalPoint, WorkingGroupChair
    from tests.factories import MechanismFactory, WorkingGroupFactory, country

    mine = FocalPoint.objects.get(user=mechanism_focal_point).mechanism
    other = MechanismFactory(code="business", name="Business Mechanism")
    own_group, other_group = WorkingGroupFactory(), WorkingGroupFactory()
    WorkingGroupChair.objects.create(working_group=own_group, mechanism=mine)
    WorkingGroupChair.objects.create(working_group=other_group, country=country("CAN"))
    attended, group_meeting, closed = MeetingFactory(), MeetingFactory(), MeetingFactory()
    Attendance.objects.create(meeting=attended, mechanism=mine, role="mechanism")
    Attendance.objects.create(meeting=closed, mechanism=other, role="mechanism")
    group_meeting.body, group_meeting.working_group = "working_group", own_group
    group_meeting.save()
    return {
        "mechanisms": (mine, other),
        "working-groups": (own_group, other_group),
        "meetings": (attended, closed),
        "group_meeting": group_meeting,
    }


@pytest.mark.parametrize("endpoint", ["mechanisms", "working-groups", "meetings"])
def test_mechanism_focal_point_reads_its_own_and_nothing_else(
    endpoint, mechanism_world, mechanism_focal_point, api
):
    own, other = mechanism_world[endpoint]
    client = api(mechanism_focal_point)
    listed = {row["id"] for row in client.get(f"/api/v1/{endpoint}/").json()["results"]}
    assert own.pk in listed and other.pk not in listed
    assert client.get(f"/api/v1/{endpoint}/{own.pk}/").status_code == 200
    assert client.get(f"/api/v1/{endpoint}/{other.pk}/").status_code == 404
    # reading is not writing
    assert client.patch(f"/api/v1/{endpoint}/{own.pk}/", {}, format="json").status_code == 403
    assert client.delete(f"/api/v1/{endpoint}/{own.pk}/").status_code == 403


def test_mechanism_focal_point_sees_its_working_groups_meetings(
    mechanism_world, mechanism_focal_point, api
):
    meeting = mechanism_world["group_meeting"]
    client = api(mechanism_focal_point)
    assert client.get(f"/api/v1/meetings/{meeting.pk}/").status_code == 200
    listed = {row["id"] for row in client.get("/api/v1/meetings/").json()["results"]}
    assert listed == {mechanism_world["meetings"][0].pk, meeting.pk}


def test_mechanism_focal_point_does_not_see_what_governments_see(
    mechanism_world, mechanism_focal_point, api
):
    edition = EditionFactory(is_public=False, chairs=["DEU"])
    client = api(mechanism_focal_point)
    assert client.get(f"/api/v1/editions/{edition.pk}/").status_code == 404
    assert client.get(f"/api/v1/editions/{edition.pk}/troika/").status_code == 404
    assert client.get("/api/v1/steering-group/balance/").status_code == 403
    assert client.get("/api/v1/countries/DEU/").status_code == 404
    meeting = mechanism_world["meetings"][0]
    assert client.post(f"/api/v1/meetings/{meeting.pk}/send-invitations/").status_code == 403
    assert client.get("/admin/gfmd/mechanism/").status_code in (302, 403)


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 404),
        ("outsider", 404),
        ("mechanism_focal_point", 404),
        ("focal_point", 403),
        ("staff", 200),
    ],
)
def test_override_perspective_is_staff_only(role, expected, request, api):
    response = api(_user(role, request)).post(
        "/api/v1/countries/MEX/override-perspective/",
        {"perspective_override": "transit", "override_reason": "policy"},
        format="json",
    )
    assert response.status_code == expected


@pytest.mark.parametrize(
    "role,expected",
    [("mechanism_focal_point", 403), ("focal_point", 403), ("org_focal_point", 403)],
)
def test_working_group_transitions_are_staff_only(role, expected, request, api, mechanism_world):
    group = mechanism_world["working-groups"][0]
    response = api(_user(role, request)).post(f"/api/v1/working-groups/{group.pk}/conclude/")
    assert response.status_code == expected


def _list_urls():
    from django.urls import NoReverseMatch, get_resolver, reverse

    urls = []
    for name in sorted(k for k in get_resolver().reverse_dict if isinstance(k, str)):
        if name.endswith("-list"):
            try:
                urls.append(reverse(name))
            except NoReverseMatch:
                continue
    return urls


# Every list endpoint of every app (roundtables, civil society, platform): the mechanism
# focal point is an outsider everywhere but its own mechanism's records and meetings.
MECHANISM_REACHES = {
    "/api/v1/mechanisms/",
    "/api/v1/working-groups/",
    "/api/v1/meetings/",
    "/api/v1/calendar-feeds/",  # its meetings' feed (scoped by the same selector)
    "/api/v1/inputs/",  # its mechanism's inputs to working papers (roundtables matrix)
}


@pytest.mark.parametrize("url", _list_urls())
def test_mechanism_focal_point_is_an_outsider_on_every_other_endpoint(
    url, mechanism_focal_point, outsider, api
):
    mine = api(mechanism_focal_point).get(url)
    theirs = api(outsider).get(url)
    if url in MECHANISM_REACHES:
        assert mine.status_code == 200
        return
    assert mine.status_code == theirs.status_code, url
    if mine.status_code == 200 and "results" in mine.json():
        assert mine.json()["results"] == theirs.json()["results"], url
