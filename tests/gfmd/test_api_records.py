"""Writes through the API: validation errors name the field and the rule, never a 500."""

import pytest

from gfmd.models import Edition, SteeringGroupMembership
from gfmd.platform.models import ActivityLog
from tests.factories import EditionFactory, FocalPointFactory, OrganisationFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(staff, api):
    return api(staff)


def test_create_edition_with_joint_chairs_and_audit(client, staff):
    response = client.post(
        "/api/v1/editions/",
        {
            "ordinal": 10,
            "year_start": 2017,
            "year_end": 2018,
            "title": "GFMD 2017-2018",
            "chairs": ["DEU", "MAR"],
            "start_date": "2018-12-05",
            "end_date": "2018-12-07",
            "venue_city": "Marrakesh",
            "venue_country": "MAR",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["chairs"] == ["DEU", "MAR"] and body["years"] == "2017-2018"
    edition = Edition.objects.get(pk=body["id"])
    actions = list(
        ActivityLog.objects.filter(object_id=str(edition.pk))
        .values_list("action", flat=True)
        .order_by("id")
    )
    assert actions == ["edition.create", "edition.set_chairs"]


def test_update_edition_chairs_replaces_the_set(client):
    edition = EditionFactory(chairs=["SWE"])
    etag = client.get(f"/api/v1/editions/{edition.pk}/")["ETag"]
    response = client.patch(
        f"/api/v1/editions/{edition.pk}/",
        {"chairs": ["DEU", "MAR"]},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200
    assert sorted(edition.chairs.values_list("iso3", flat=True)) == ["DEU", "MAR"]


@pytest.mark.parametrize(
    "payload,field,fragment",
    [
        ({"chairs": ["PRI"]}, "chairs", "not a state"),
        ({"chairs": []}, "chairs", "at least one chair"),
        ({"chairs": ["ZZZ"]}, "chairs", "Unknown country code: ZZZ."),
        ({"chairs": [3]}, "chairs", "Unknown country code: 3."),
        ({"venue_country": "XYZ"}, "venue_country", "Unknown country code: XYZ."),
        ({"year_end": 2013}, "year_end", "end year must come after"),
        ({"year_end": 2016}, "year_end", "at most two calendar years"),
        (
            {"start_date": "2014-05-02", "end_date": "2014-05-01"},
            "end_date",
            "end date cannot be before",
        ),
        ({"year_start": 20155}, "year_start", "from 2007 (the first Forum) to 2100"),
        ({"year_start": 2006}, "year_start", "from 2007 (the first Forum) to 2100"),
        ({"year_end": 2101}, "year_end", "from 2007 (the first Forum) to 2100"),
        ({"start_date": "2030-01-01"}, "start_date", "within the edition's years"),
    ],
)
def test_edition_validation_errors_name_field_and_rule(client, payload, field, fragment):
    data = {"ordinal": 7, "year_start": 2014, "title": "GFMD", "chairs": ["SWE"], **payload}
    response = client.post("/api/v1/editions/", data, format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "validation_error"
    assert any(fragment in message for message in body["fields"][field]), body


def test_duplicate_ordinal_is_a_field_error(client):
    EditionFactory(ordinal=3)
    response = client.post(
        "/api/v1/editions/",
        {"ordinal": 3, "year_start": 2009, "title": "x", "chairs": ["GRC"]},
        format="json",
    )
    assert response.status_code == 400 and "ordinal" in response.json()["fields"]


def test_overlapping_steering_term_is_rejected_with_field(client):
    SteeringGroupMembership.objects.create(country=country("DEU"), start_date="2010-01-01")
    response = client.post(
        "/api/v1/steering-group/", {"country": "DEU", "start_date": "2015-01-01"}, format="json"
    )
    assert response.status_code == 400
    assert "overlapping" in response.json()["fields"]["start_date"][0]


def test_steering_member_must_be_a_state(client):
    response = client.post(
        "/api/v1/steering-group/", {"country": "PRI", "start_date": "2015-01-01"}, format="json"
    )
    assert response.status_code == 400 and "not a state" in response.json()["fields"]["country"][0]


def test_organisation_as_meeting_member_is_rejected(client):
    from tests.factories import MeetingFactory

    meeting = MeetingFactory()
    org = OrganisationFactory()
    response = client.post(
        "/api/v1/attendance/",
        {"meeting": meeting.pk, "organisation": org.pk, "role": "member"},
        format="json",
    )
    assert response.status_code == 400
    assert "never as member" in response.json()["detail"]


def test_deleting_a_referenced_record_is_a_conflict(client):
    org = OrganisationFactory()
    FocalPointFactory(organisation=org)
    response = client.delete(f"/api/v1/organisations/{org.pk}/")
    assert response.status_code == 409
    assert "still referenced" in response.json()["detail"]


def test_malformed_json_and_bad_balance_date_are_400(client):
    response = client.post("/api/v1/organisations/", "{not json", content_type="application/json")
    assert response.status_code == 400 and response.json()["type"] == "parse_error"
    response = client.get("/api/v1/steering-group/balance/?on=2020-13-45")
    assert response.status_code == 400 and "on" in response.json()["fields"]


def test_override_through_api_needs_reason(client):
    response = client.post(
        "/api/v1/countries/MEX/override-development/",
        {"development_override": "developed"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["fields"] == {
        "reason": ["Give the reason for overriding the development status."]
    }
    response = client.post(
        "/api/v1/countries/MEX/override-development/",
        {"development_override": "developed", "override_reason": "policy"},
        format="json",
    )
    assert response.json()["development_status"] == "developed"


def test_balance_report_endpoint_shows_override_and_warning(client):
    SteeringGroupMembership.objects.create(country=country("KOR"), start_date="2010-01-01")
    client.post(
        "/api/v1/countries/KOR/override-development/",
        {"development_override": "developed", "override_reason": "OECD DAC"},
        format="json",
    )
    body = client.get("/api/v1/steering-group/balance/?on=2015-01-01").json()
    assert body["developed"] == 1 and body["overrides"][0]["reason"] == "OECD DAC"
    assert "No balance policy is in force on this date." in body["warnings"]


def test_filters_and_search(client):
    OrganisationFactory(name="International Labour Organization", acronym="ILO", gmg_member=True)
    OrganisationFactory(name="Something else", acronym="SE")
    assert client.get("/api/v1/organisations/?search=labour").json()["count"] == 1
    assert client.get("/api/v1/organisations/?gmg_member=true").json()["count"] == 1
    assert client.get("/api/v1/countries/?region=Oceania").json()["count"] == 26
