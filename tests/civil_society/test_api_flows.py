"""API flows: partner submission (idempotent), review, run, adjust, confirm, release,
registration with duplicate detection, representatives at Friends of the Forum."""

from datetime import date

import pytest

from civil_society.enums import DelegateStatus
from civil_society.models import Application, Delegate
from gfmd.enums import AttendanceRole, MeetingBody
from gfmd.models import Attendance
from gfmd.platform.models import ActivityLog
from tests.civil_society.factories import (
    CSOFactory,
    PartnerSystemUserFactory,
    PolicyFactory,
    candidate,
    cso_focal_point,
)
from tests.factories import EditionFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _application(csd, profile, ref=""):
    return {
        "csd_edition": csd.pk,
        "organisation": profile.pk,
        "motivation": "Grassroots migrant workers' organising.",
        "contact_email": "office@example.org",
        "external_ref": ref,
        "delegates": [
            {
                "full_name": "Ana Silva",
                "email": "ana@example.org",
                "gender": "female",
                "country": "BRA",
                "expertise": "Domestic work",
                "roundtable_interests": ["Labour mobility"],
            },
            {"full_name": "Tomas Berg", "email": "tomas@example.org", "country": "SWE"},
        ],
    }


def test_partner_system_submits_and_resubmission_is_idempotent(csd, api):
    partner = PartnerSystemUserFactory()
    client = api(partner)
    profile = CSOFactory()

    first = client.post(
        "/api/v1/csd/applications/", _application(csd, profile, "P-42"), format="json"
    )
    again = client.post(
        "/api/v1/csd/applications/", _application(csd, profile, "P-42"), format="json"
    )

    assert first.status_code == 201, first.content
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    body = first.json()
    assert body["source"] == "partner" and body["external_ref"] == "P-42"
    assert [d["full_name"] for d in body["delegates"]] == ["Ana Silva", "Tomas Berg"]
    assert body["delegates"][0]["country"] == "BRA" and body["delegates"][1]["gender"] == ""
    assert Application.objects.count() == 1 and Delegate.objects.count() == 2


def test_applicant_focal_point_applies_for_own_organisation_once(csd, api):
    profile = CSOFactory()
    client = api(cso_focal_point(profile))

    created = client.post("/api/v1/csd/applications/", _application(csd, profile), format="json")
    twice = client.post("/api/v1/csd/applications/", _application(csd, profile), format="json")

    assert created.status_code == 201 and created.json()["source"] == "web"
    assert twice.status_code == 409 and twice.json()["type"] == "already_applied"


def test_closed_applications_and_empty_nominations_are_refused(csd, api, staff):
    profile = CSOFactory()
    payload = _application(csd, profile)
    payload["delegates"] = []
    empty = api(staff).post("/api/v1/csd/applications/", payload, format="json")
    assert empty.status_code == 400 and empty.json()["fields"] == {
        "delegates": ["Nominate at least one delegate."]
    }

    csd.applications_open = False
    csd.save()
    closed = api(staff).post("/api/v1/csd/applications/", _application(csd, profile), format="json")
    assert closed.status_code == 400 and "closed" in closed.json()["detail"]


def test_review_run_adjust_confirm_release_through_the_api(csd, reviewer, staff, api):
    PolicyFactory(csd_edition=csd, places=1, waitlist_size=1)
    first = candidate(csd, full_name="First")
    second = candidate(csd, full_name="Second")
    third = candidate(csd, full_name="Third")
    reviewing = api(reviewer.user)
    for delegate, score in [(first, 9), (second, 7), (third, 2)]:
        response = reviewing.post(
            "/api/v1/csd/reviews/",
            {"application": delegate.application_id, "score": score, "comment": "c"},
        )
        assert response.status_code == 201, response.content
    review_id = response.json()["id"]
    assert reviewing.patch(f"/api/v1/csd/reviews/{review_id}/", {"score": 3}).json()["score"] == 3

    staffer = api(staff)
    run = staffer.post(f"/api/v1/csd/editions/{csd.pk}/run-selection/")
    assert run.status_code == 201 and run.json()["entry_count"] == 3
    proposal_id = run.json()["id"]
    entries = staffer.get(f"/api/v1/csd/proposal-entries/?proposal={proposal_id}").json()["results"]
    assert [(e["delegate_name"], e["outcome"]) for e in entries] == [
        ("First", "selected"),
        ("Second", "waitlisted"),
        ("Third", "out"),
    ]
    assert entries[0]["reason"].startswith("Selected on merit.")
    third_entry = entries[2]["id"]
    missing_note = staffer.post(
        f"/api/v1/csd/proposal-entries/{third_entry}/adjust/", {"outcome": "waitlisted"}
    )
    assert missing_note.status_code == 400 and "note" in missing_note.json()["fields"]
    adjusted = staffer.post(
        f"/api/v1/csd/proposal-entries/{third_entry}/adjust/",
        {"outcome": "waitlisted", "note": "Rare expertise"},
    )
    assert adjusted.json()["waitlist_position"] == 2 and adjusted.json()["is_adjusted"]

    report = staffer.get(
        f"/api/v1/csd/editions/{csd.pk}/selection-report/?proposal={proposal_id}"
    ).json()
    assert report["total"] == 1 and report["source"].startswith(f"proposal #{proposal_id}")
    confirmed = staffer.post(f"/api/v1/csd/proposals/{proposal_id}/confirm/")
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
    again = staffer.post(f"/api/v1/csd/proposals/{proposal_id}/confirm/")
    assert again.status_code == 409 and again.json()["type"] == "invalid_transition"

    applicant = api(cso_focal_point(first.application.organisation))
    released = applicant.post(f"/api/v1/csd/delegates/{first.pk}/release/", {"reason": "visa"})
    assert released.status_code == 200, released.content
    assert released.json()["released"]["status"] == "released"
    assert released.json()["promoted"]["full_name"] == "Second"
    delegation = staffer.get(f"/api/v1/csd/editions/{csd.pk}/delegation/").json()["results"]
    assert [d["full_name"] for d in delegation] == ["Second"]
    assert "email" not in delegation[0]
    assert ActivityLog.objects.filter(action="delegate.promote").count() == 1


def test_registration_detects_duplicates_and_staff_may_override(api, staff):
    partner = api(PartnerSystemUserFactory())
    CSOFactory(name="Migrant Forum in Asia", website="https://mfasia.org")

    check = partner.get("/api/v1/csd/organisations/duplicates/?name=Migrant-Forum in Asia Inc.")
    assert [m["name"] for m in check.json()] == ["Migrant Forum in Asia"]
    refused = partner.post(
        "/api/v1/csd/organisations/",
        {"name": "MFA", "website": "http://www.mfasia.org/", "sector": "migrant_diaspora"},
    )
    assert refused.status_code == 409 and refused.json()["type"] == "possible_duplicate"
    ignored = partner.post(
        "/api/v1/csd/organisations/",
        {
            "name": "MFA",
            "website": "http://www.mfasia.org/",
            "sector": "migrant_diaspora",
            "allow_duplicate": True,
        },
    )
    assert ignored.status_code == 409  # only staff may override
    allowed = api(staff).post(
        "/api/v1/csd/organisations/",
        {
            "name": "MFA",
            "website": "http://www.mfasia.org/",
            "sector": "migrant_diaspora",
            "migrant_led": True,
            "countries_of_work": ["PHL", "IDN"],
            "allow_duplicate": True,
        },
        format="json",
    )
    assert allowed.status_code == 201, allowed.content
    body = allowed.json()
    assert body["led_check"] == "pending" and body["website_domain"] == "mfasia.org"
    assert body["countries_of_work"] == ["IDN", "PHL"]
    checked = api(staff).post(
        f"/api/v1/csd/organisations/{body['id']}/check-led/", {"confirmed": True}
    )
    assert checked.json()["led_check"] == "confirmed"


def test_invalid_sector_is_a_validation_error(api, staff):
    response = api(staff).post("/api/v1/csd/organisations/", {"name": "X", "sector": "media"})
    assert response.status_code == 400
    assert (
        set(response.json()) == {"type", "detail", "fields"}
        and "sector" in response.json()["fields"]
    )


def test_csd_edition_dates_must_precede_the_forum(api, staff):
    edition = EditionFactory(start_date=date(2019, 12, 1))
    late = api(staff).post(
        "/api/v1/csd/editions/", {"edition": edition.pk, "title": "CSD", "start_date": "2019-12-02"}
    )
    assert late.status_code == 400 and "start_date" in late.json()["fields"]
    ok = api(staff).post(
        "/api/v1/csd/editions/",
        {
            "edition": edition.pk,
            "title": "CSD",
            "start_date": "2019-11-28",
            "end_date": "2019-11-29",
        },
    )
    assert ok.status_code == 201 and ok.json()["forum_start_date"] == "2019-12-01"


def test_selected_delegate_registers_as_observer_at_friends_meeting(csd, api, staff):
    selected = candidate(csd, status=DelegateStatus.SELECTED)
    nominated = candidate(csd)
    friends = MeetingFactory(edition=csd.edition, body=MeetingBody.FRIENDS_OF_THE_FORUM)
    steering = MeetingFactory(edition=csd.edition, body=MeetingBody.STEERING_GROUP)
    client = api(staff)

    wrong_body = client.post(
        "/api/v1/csd/friends-representatives/", {"delegate": selected.pk, "meeting": steering.pk}
    )
    not_selected = client.post(
        "/api/v1/csd/friends-representatives/", {"delegate": nominated.pk, "meeting": friends.pk}
    )
    created = client.post(
        "/api/v1/csd/friends-representatives/", {"delegate": selected.pk, "meeting": friends.pk}
    )

    assert wrong_body.status_code == 400 and "Friends of the Forum" in wrong_body.json()["detail"]
    assert not_selected.status_code == 400 and "selected delegates" in not_selected.json()["detail"]
    assert created.status_code == 201, created.content
    attendance = Attendance.objects.get(meeting=friends)
    assert attendance.organisation == selected.application.organisation.organisation
    assert attendance.role == AttendanceRole.OBSERVER
    assert (
        client.delete(f"/api/v1/csd/friends-representatives/{created.json()['id']}/").status_code
        == 204
    )
    assert not Attendance.objects.filter(meeting=friends).exists()


def test_common_space_shows_whether_both_sides_take_part(csd, api, staff):
    client = api(staff)
    space = client.post(
        "/api/v1/csd/common-space/", {"csd_edition": csd.pk, "title": "Joint session"}
    ).json()
    client.post(
        "/api/v1/csd/common-space-participants/",
        {"session": space["id"], "side": "government", "country": "DEU"},
    )
    one_side = client.get(f"/api/v1/csd/common-space/{space['id']}/").json()
    delegate = candidate(csd)
    client.post(
        "/api/v1/csd/common-space-participants/",
        {
            "session": space["id"],
            "side": "civil_society",
            "delegate": delegate.pk,
            "role": "speaker",
        },
    )
    both = client.get(f"/api/v1/csd/common-space/{space['id']}/").json()

    assert one_side["has_both_sides"] is False
    assert both["has_both_sides"] is True
    assert {p["name"] for p in both["participants"]} == {"Germany", delegate.full_name}
    mismatch = client.post(
        "/api/v1/csd/common-space-participants/",
        {"session": space["id"], "side": "civil_society", "country": "FRA"},
    )
    assert mismatch.status_code == 400 and "exactly one" in mismatch.json()["detail"]
