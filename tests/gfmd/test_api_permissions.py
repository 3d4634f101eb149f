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
]
STAFF_ONLY_LISTS = {"activity", "notifications"}
PUBLIC_LISTS = {"editions"}


def _user(role, request):
    return None if role == "anonymous" else request.getfixturevalue(role)


def _expected_list_status(role, endpoint):
    if endpoint in PUBLIC_LISTS or role == "staff":
        return 200
    if role == "focal_point" and endpoint not in STAFF_ONLY_LISTS:
        return 200
    return 403


@pytest.mark.parametrize("endpoint", LISTS)
@pytest.mark.parametrize("role", ["anonymous", "outsider", "focal_point", "staff"])
def test_list_access_per_role(role, endpoint, request, api):
    response = api(_user(role, request)).get(f"/api/v1/{endpoint}/")
    assert response.status_code == _expected_list_status(role, endpoint)


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
