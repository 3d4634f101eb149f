"""Stakeholder mechanisms, local governments and working groups: rules in the database
and through the API."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gfmd.enums import MeetingBody
from gfmd.models import (
    Attendance,
    FocalPoint,
    LocalGovernment,
    MechanismOrganisation,
    Meeting,
    WorkingGroup,
    WorkingGroupChair,
    WorkingGroupMember,
)
from tests.factories import (
    EditionFactory,
    FocalPointFactory,
    MechanismFactory,
    MeetingFactory,
    OrganisationFactory,
    UserFactory,
    WorkingGroupFactory,
    country,
)

pytestmark = pytest.mark.django_db


def _refused(fn):
    with pytest.raises(IntegrityError), transaction.atomic():
        fn()


# --- exactly one body, in the database (validation bypassed) -------------------------------


def test_focal_point_of_a_mechanism_and_a_government_is_refused_by_the_database():
    fp = FocalPointFactory(mechanism=MechanismFactory())
    _refused(lambda: FocalPoint.objects.filter(pk=fp.pk).update(country=country("DEU")))
    _refused(lambda: FocalPoint.objects.filter(pk=fp.pk).update(mechanism=None))


def test_focal_point_validation_names_the_rule():
    fp = FocalPoint(
        user=UserFactory(),
        country=country("DEU"),
        mechanism=MechanismFactory(),
        start_date=date(2020, 1, 1),
    )
    with pytest.raises(ValidationError, match="exactly one government, organisation or mech"):
        fp.full_clean()


def test_working_group_chair_is_exactly_one_government_or_mechanism():
    group = WorkingGroupFactory()
    mechanism = MechanismFactory()
    _refused(
        lambda: WorkingGroupChair.objects.bulk_create(
            [WorkingGroupChair(working_group=group, country=country("CAN"), mechanism=mechanism)]
        )
    )
    _refused(
        lambda: WorkingGroupChair.objects.bulk_create([WorkingGroupChair(working_group=group)])
    )


def test_working_group_member_is_exactly_one_body():
    group = WorkingGroupFactory()
    _refused(
        lambda: WorkingGroupMember.objects.bulk_create(
            [
                WorkingGroupMember(
                    working_group=group, country=country("ECU"), organisation=OrganisationFactory()
                )
            ]
        )
    )


def test_a_mechanism_attends_only_in_its_own_role():
    meeting = MeetingFactory()
    mechanism = MechanismFactory()
    _refused(
        lambda: Attendance.objects.bulk_create(
            [Attendance(meeting=meeting, mechanism=mechanism, role="observer")]
        )
    )
    _refused(
        lambda: Attendance.objects.bulk_create(
            [Attendance(meeting=meeting, country=country("DEU"), role="mechanism")]
        )
    )
    Attendance.objects.create(meeting=meeting, mechanism=mechanism, role="mechanism")


def test_a_working_group_meeting_names_its_group_and_others_name_none():
    meeting = MeetingFactory()
    group = WorkingGroupFactory()
    _refused(lambda: Meeting.objects.filter(pk=meeting.pk).update(working_group=group))
    _refused(lambda: Meeting.objects.filter(pk=meeting.pk).update(body=MeetingBody.WORKING_GROUP))
    Meeting.objects.filter(pk=meeting.pk).update(
        body=MeetingBody.WORKING_GROUP, working_group=group
    )


def test_working_group_term_ends_on_a_date_or_with_its_deliverable():
    group = WorkingGroupFactory()
    _refused(lambda: WorkingGroup.objects.filter(pk=group.pk).update(until_deliverable=True))
    WorkingGroup.objects.filter(pk=group.pk).update(until_deliverable=True, term_to=None)


def test_a_mechanism_has_one_host():
    mechanism = MechanismFactory()
    MechanismOrganisation.objects.create(
        mechanism=mechanism, organisation=OrganisationFactory(), role="host"
    )
    _refused(
        lambda: MechanismOrganisation.objects.create(
            mechanism=mechanism, organisation=OrganisationFactory(), role="host"
        )
    )


def test_perspective_override_needs_a_reason_in_the_database():
    from gfmd.models import Country

    country("MEX")  # loaded (a transactional test may have flushed the reference data)
    _refused(
        lambda: Country.objects.filter(iso3="MEX").update(
            perspective_override="transit", perspective_override_reason=""
        )
    )


def test_local_government_is_placed_by_its_country_and_networks_are_data():
    uclg = OrganisationFactory(name="United Cities and Local Governments", acronym="UCLG")
    city = LocalGovernment.objects.create(name="Quito", kind="city", country=country("ECU"))
    city.networks.add(uclg)
    assert city.region == "Americas"
    assert list(uclg.local_government_members.all()) == [city]
    _refused(
        lambda: LocalGovernment.objects.create(name="QUITO", kind="city", country=country("ECU"))
    )


# --- working groups through the API ---------------------------------------------------------


def test_working_group_co_chaired_by_two_governments_and_a_mechanism(staff, api):
    client = api(staff)
    country("CAN")  # the reference list is loaded (the API names countries by code)
    mayors = MechanismFactory(code="mayors", name="Mayors Mechanism")
    created = client.post(
        "/api/v1/working-groups/",
        {
            "name": "Working group on public narratives",
            "mandate": "Balanced public narratives on migration.",
            "term_from": "2021-01-01",
            "until_deliverable": True,
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    group = created.json()["id"]
    for body in ({"country": "CAN"}, {"country": "ECU"}, {"mechanism": mayors.pk}):
        response = client.post(
            "/api/v1/working-group-chairs/", {"working_group": group, **body}, format="json"
        )
        assert response.status_code == 201, response.content

    both = client.post(
        "/api/v1/working-group-chairs/",
        {"working_group": group, "country": "MEX", "mechanism": mayors.pk},
        format="json",
    )
    assert both.status_code == 400
    again = client.post(
        "/api/v1/working-group-chairs/", {"working_group": group, "country": "CAN"}, format="json"
    )
    assert again.status_code == 400

    body = client.get(f"/api/v1/working-groups/{group}/").json()
    assert [c["body_name"] for c in body["chairs"]] == ["Canada", "Ecuador", "Mayors Mechanism"]
    assert body["status"] == "active"


def test_an_active_working_group_keeps_a_co_chair(staff, api):
    group = WorkingGroupFactory()
    chair = WorkingGroupChair.objects.create(working_group=group, country=country("CAN"))
    client = api(staff)
    response = client.delete(f"/api/v1/working-group-chairs/{chair.pk}/")
    assert response.status_code == 409
    assert WorkingGroupChair.objects.filter(pk=chair.pk).exists()

    concluded = client.post(f"/api/v1/working-groups/{group.pk}/conclude/", {}, format="json")
    assert concluded.json()["status"] == "concluded"
    assert client.delete(f"/api/v1/working-group-chairs/{chair.pk}/").status_code == 204
    # the engine refuses a second step from a final state
    again = client.post(f"/api/v1/working-groups/{group.pk}/dissolve/", {}, format="json")
    assert again.status_code == 409


def test_a_mechanism_attends_a_steering_group_meeting_through_the_api(staff, api):
    meeting = MeetingFactory(body=MeetingBody.STEERING_GROUP)
    mechanism = MechanismFactory()
    client = api(staff)
    response = client.post(
        "/api/v1/attendance/",
        {"meeting": meeting.pk, "mechanism": mechanism.pk, "role": "mechanism"},
        format="json",
    )
    assert response.status_code == 201, response.content
    wrong = client.post(
        "/api/v1/attendance/",
        {"meeting": meeting.pk, "mechanism": MechanismFactory().pk, "role": "member"},
        format="json",
    )
    assert wrong.status_code == 400


def test_working_group_meeting_through_the_api_names_its_group(staff, api):
    edition = EditionFactory()
    group = WorkingGroupFactory()
    payload = {
        "edition": edition.pk,
        "body": "working_group",
        "title": "Narratives drafting session",
        "start_date": "2023-03-01",
        "is_virtual": True,
    }
    client = api(staff)
    assert client.post("/api/v1/meetings/", payload, format="json").status_code == 400
    ok = client.post("/api/v1/meetings/", {**payload, "working_group": group.pk}, format="json")
    assert ok.status_code == 201, ok.content


def test_mechanism_names_in_french_and_spanish(staff, api):
    MechanismFactory(
        code="business",
        name="Business Mechanism",
        name_fr="Mécanisme des entreprises",
        name_es="Mecanismo Empresarial",
    )
    client = api(staff)
    fr = client.get("/api/v1/mechanisms/?code=business", HTTP_ACCEPT_LANGUAGE="fr").json()
    es = client.get("/api/v1/mechanisms/?code=business", HTTP_ACCEPT_LANGUAGE="es").json()
    assert fr["results"][0]["name"] == "Mécanisme des entreprises"
    assert es["results"][0]["name"] == "Mecanismo Empresarial"
    refused = client.post(
        "/api/v1/mechanisms/", {"code": "x", "name": "X"}, format="json", HTTP_ACCEPT_LANGUAGE="es"
    )
    assert refused.status_code == 400
    assert "requerido" in str(refused.json())


def test_exactly_one_body_refusal_in_french_and_spanish(staff, api):
    group = WorkingGroupFactory()
    country("CAN")
    payload = {"working_group": group.pk, "country": "CAN", "mechanism": MechanismFactory().pk}
    client = api(staff)
    fr = client.post(
        "/api/v1/working-group-chairs/", payload, format="json", HTTP_ACCEPT_LANGUAGE="fr"
    )
    es = client.post(
        "/api/v1/working-group-chairs/", payload, format="json", HTTP_ACCEPT_LANGUAGE="es"
    )
    assert "un seul gouvernement ou un seul mécanisme" in str(fr.json())
    assert "un solo gobierno o un solo mecanismo" in str(es.json())
