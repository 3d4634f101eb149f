"""The admin: every changelist loads in a fixed number of queries; saves go through services."""

import pytest
from django.contrib import admin as django_admin
from django.contrib.admin import ModelAdmin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gfmd.models import Country, Organisation, SteeringGroupMembership
from gfmd.platform.models import ActivityLog, Notification
from tests.factories import (
    ROWS,
    BalancePolicyFactory,
    EditionFactory,
    FocalPointFactory,
    MeetingFactory,
    country,
)

pytestmark = pytest.mark.django_db

CHANGELISTS = {
    "organisation": "organisations",
    "focalpoint": "focal-points",
    "edition": "editions",
    "steeringgroupmembership": "steering-group",
    "balancepolicy": "balance-policies",
    "friendsparticipation": "friends-of-the-forum",
    "meeting": "meetings",
    "activitylog": "activity",
    "notification": "notifications",
    "attendance": "attendance",
    "partnerclient": "partner-clients",
    "webhookendpoint": "webhooks",
    "webhookdelivery": "webhook-deliveries",
    "mechanism": "mechanisms",
    "mechanismparticipation": "mechanism-participations",
    "localgovernment": "local-governments",
    "workinggroup": "working-groups",
}


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("model", sorted(CHANGELISTS))
def test_changelist_queries_do_not_grow_with_rows(model, admin_client):
    url = f"/admin/gfmd/{model}/?all="
    build = ROWS[CHANGELISTS[model]]
    build(10)
    ten = _queries(admin_client, f"/admin/gfmd/{model}/")
    build(190)
    two_hundred = _queries(admin_client, f"/admin/gfmd/{model}/")
    assert ten == two_hundred, url


def test_country_changelist_query_count(admin_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert admin_client.get("/admin/gfmd/country/").status_code == 200


def test_edition_page_shows_troika_balance_and_activity(admin_client, staff):
    EditionFactory(ordinal=1, chairs=["BEL"])
    edition = EditionFactory(ordinal=2, chairs=["PHL"], year_start=2008)
    BalancePolicyFactory(required_regions=["Oceania"])
    SteeringGroupMembership.objects.create(country=country("DEU"), start_date="2000-01-01")

    page = admin_client.get(f"/admin/gfmd/edition/{edition.pk}/change/").content.decode()

    assert "Belgium" in page and "Philippines" in page
    assert "Successor not yet known" in page
    assert "Required regions not represented: Oceania." in page


def test_admin_add_edition_with_chair_inline_is_audited(admin_client, staff):
    response = admin_client.post(
        "/admin/gfmd/edition/add/",
        {
            "ordinal": 5,
            "title": "GFMD 2011",
            "theme": "",
            "is_public": "on",
            "year_start": 2011,
            "year_end": "",
            "start_date": "",
            "end_date": "",
            "venue_city": "Geneva",
            "venue_country": country("CHE").pk,
            "chair_links-TOTAL_FORMS": 1,
            "chair_links-INITIAL_FORMS": 0,
            "chair_links-0-country": country("CHE").pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    actions = set(ActivityLog.objects.values_list("action", flat=True))
    assert {"edition.create", "editionchair.create"} <= actions


def test_admin_rejects_non_state_chair(admin_client):
    response = admin_client.post(
        "/admin/gfmd/edition/add/",
        {
            "ordinal": 5,
            "title": "GFMD",
            "is_public": "on",
            "year_start": 2011,
            "chair_links-TOTAL_FORMS": 1,
            "chair_links-INITIAL_FORMS": 0,
            "chair_links-0-country": country("PRI").pk,
        },
    )
    assert response.status_code == 200
    assert "not a state" in response.content.decode()


def test_admin_country_override_goes_through_service(admin_client, staff):
    mexico = country("MEX")
    response = admin_client.post(
        f"/admin/gfmd/country/{mexico.pk}/change/",
        {"development_override": "developed", "override_reason": "Policy decision"},
    )
    assert response.status_code == 302
    mexico.refresh_from_db()
    assert mexico.development_status == "developed" and mexico.override_by == staff
    assert ActivityLog.objects.filter(action="country.override_development").exists()


def test_admin_country_override_without_reason_is_refused(admin_client):
    mexico = country("MEX")
    response = admin_client.post(
        f"/admin/gfmd/country/{mexico.pk}/change/",
        {"development_override": "developed", "override_reason": ""},
    )
    assert response.status_code == 200
    assert "needs a reason" in response.content.decode()
    assert Country.objects.get(pk=mexico.pk).development_override == ""


def test_steering_changelist_warns_about_imbalance(admin_client):
    BalancePolicyFactory(required_regions=["Oceania"])
    SteeringGroupMembership.objects.create(country=country("DEU"), start_date="2000-01-01")
    page = admin_client.get("/admin/gfmd/steeringgroupmembership/").content.decode()
    assert "Required regions not represented: Oceania." in page


def test_meeting_action_sends_invitations_once(admin_client):
    from gfmd.models import Attendance

    meeting = MeetingFactory()
    Attendance.objects.create(meeting=meeting, country=country("DEU"), role="member")
    FocalPointFactory(country=country("DEU"))
    for _ in range(2):
        admin_client.post(
            "/admin/gfmd/meeting/", {"action": "send_invitations", "_selected_action": [meeting.pk]}
        )
    assert Notification.objects.count() == 1


def test_activity_log_admin_is_read_only(admin_client):
    org = Organisation.objects.create(name="X", kind="other")
    from gfmd.platform.services.activity import log_action

    entry = log_action(None, org, "x.test")
    assert admin_client.get(f"/admin/gfmd/activitylog/{entry.pk}/change/").status_code == 200
    assert admin_client.post(f"/admin/gfmd/activitylog/{entry.pk}/delete/").status_code == 403
    assert admin_client.get("/admin/gfmd/activitylog/add/").status_code == 403


def test_user_page_adds_focal_point_inline_with_audit(admin_client):
    from django.contrib.auth import get_user_model

    from tests.factories import UserFactory

    user = UserFactory(username="new.focal")
    page = admin_client.get(f"/admin/auth/user/{user.pk}/change/")
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(
        {
            "username": "new.focal",
            "date_joined_0": "2020-01-01",
            "date_joined_1": "00:00:00",
            "focal_points-TOTAL_FORMS": 1,
            "focal_points-INITIAL_FORMS": 0,
            "focal_points-0-country": country("ECU").pk,
            "focal_points-0-role": "focal_point",
            "focal_points-0-start_date": "2020-01-01",
        }
    )
    data.pop("groups", None), data.pop("user_permissions", None)
    data.pop("last_login", None), data.pop("date_joined", None)
    response = admin_client.post(f"/admin/auth/user/{user.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    fp = get_user_model().objects.get(pk=user.pk).focal_points.get()
    assert fp.country.iso3 == "ECU"
    assert ActivityLog.objects.filter(action="focalpoint.create", object_id=str(fp.pk)).exists()


def test_support_unit_cannot_grant_superuser(admin_client):
    from tests.factories import UserFactory

    user = UserFactory()
    page = admin_client.get(f"/admin/auth/user/{user.pk}/change/").content.decode()
    assert 'name="is_staff"' in page and 'name="is_superuser"' not in page


def test_organisation_page_lists_its_focal_points(admin_client):
    org = Organisation.objects.create(name="IOM", kind="un_agency")
    FocalPointFactory(organisation=org, user__username="iom.focal")
    page = admin_client.get(f"/admin/gfmd/organisation/{org.pk}/change/").content.decode()
    assert "iom.focal" in page


def test_working_group_page_has_co_chair_inline_and_concludes_through_the_engine(admin_client):
    from tests.factories import WorkingGroupFactory

    group = WorkingGroupFactory()
    page = admin_client.get(f"/admin/gfmd/workinggroup/{group.pk}/change/")
    assert page.status_code == 200
    assert b"chairs-TOTAL_FORMS" in page.content

    response = admin_client.post(
        "/admin/gfmd/workinggroup/",
        {"action": "conclude", "_selected_action": [group.pk]},
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.status == "concluded"
    assert ActivityLog.objects.filter(object_id=str(group.pk)).exists()


def test_country_page_overrides_perspective_through_the_service(admin_client):
    mex = country("MEX")
    page = admin_client.get(f"/admin/gfmd/country/{mex.pk}/change/")
    assert b"perspective_override" in page.content
    admin_client.post(
        f"/admin/gfmd/country/{mex.pk}/change/",
        {
            "development_override": "",
            "override_reason": "",
            "migration_perspective": "origin",
            "perspective_override": "transit",
            "perspective_override_reason": "Transit policy",
        },
    )
    mex.refresh_from_db()
    assert (mex.migration_perspective, mex.perspective) == ("origin", "transit")
    assert ActivityLog.objects.filter(
        object_id=str(mex.pk), action="country.override_perspective"
    ).exists()


def test_admin_index_checks_each_models_permissions_once(admin_client, monkeypatch):
    # The sidebar and the index both list the apps; the site builds that list once a request
    # (gfmd/platform/admin/site.py), so every model's permissions are checked once, not twice.
    calls = []
    original = ModelAdmin.get_model_perms

    def counting(self, request):
        calls.append(type(self))
        return original(self, request)

    monkeypatch.setattr(ModelAdmin, "get_model_perms", counting)
    assert admin_client.get("/admin/").status_code == 200
    assert calls and len(calls) == len(set(calls)) <= len(django_admin.site._registry)
