"""CSD sessions and recommendations linked to government roundtables sessions."""

import pytest
from django.db import IntegrityError, transaction

from civil_society.enums import SessionOrigin
from civil_society.models import CSDSession, Recommendation
from tests.roundtables.factories import RoundtableFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def government_session(csd):
    return SessionFactory(roundtable=RoundtableFactory(edition=csd.edition))


def test_session_mirrors_a_government_session_by_link(csd, government_session, staff, api):
    payload = {
        "csd_edition": csd.pk,
        "code": "CSD 2.1",
        "title": "Labour mobility",
        "origin": SessionOrigin.MIRRORS,
        "government_session": government_session.pk,
    }
    response = api(staff).post("/api/v1/csd/sessions/", payload)

    assert response.status_code == 201, response.content
    assert response.json()["government_session"] == government_session.pk
    assert response.json()["government_session_label"] == ""
    assert government_session.csd_sessions.get().code == "CSD 2.1"


def test_recommendation_addressed_to_a_government_session(csd, government_session, staff, api):
    payload = {
        "csd_edition": csd.pk,
        "title": "Fair recruitment",
        "text": "Governments should...",
        "addressed_session": government_session.pk,
    }
    response = api(staff).post("/api/v1/csd/recommendations/", payload)

    assert response.status_code == 201, response.content
    assert response.json()["addressed_session"] == government_session.pk
    listed = api(staff).get(f"/api/v1/csd/recommendations/?csd_edition={csd.pk}").json()
    assert [r["addressed_session"] for r in listed["results"]] == [government_session.pk]


def test_session_of_another_forum_edition_is_refused(csd, staff, api):
    elsewhere = SessionFactory()  # a roundtable of another edition
    session = api(staff).post(
        "/api/v1/csd/sessions/",
        {"csd_edition": csd.pk, "code": "X", "title": "T", "government_session": elsewhere.pk},
    )
    recommendation = api(staff).post(
        "/api/v1/csd/recommendations/",
        {"csd_edition": csd.pk, "title": "T", "text": "t", "addressed_session": elsewhere.pk},
    )

    assert session.status_code == 400 and "government_session" in session.json()["fields"]
    assert recommendation.status_code == 400
    assert "addressed_session" in recommendation.json()["fields"]


def test_link_or_label_satisfies_the_addressee_constraints(csd, government_session):
    CSDSession.objects.create(
        csd_edition=csd, code="A", title="T", government_session=government_session
    )
    Recommendation.objects.create(
        csd_edition=csd, title="T", text="t", addressed_session=government_session
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        CSDSession.objects.create(csd_edition=csd, code="B", title="T")  # mirrors nothing
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.create(csd_edition=csd, title="T", text="t")  # no addressee


def test_deleting_the_government_session_keeps_the_csd_records(csd, government_session):
    session = CSDSession.objects.create(
        csd_edition=csd,
        code="A",
        title="T",
        government_session=government_session,
        government_session_label="Session 1.1",
    )
    recommendation = Recommendation.objects.create(
        csd_edition=csd,
        title="T",
        text="t",
        addressed_session=government_session,
        addressed_session_label="Session 1.1",
    )
    government_session.delete()

    session.refresh_from_db()
    recommendation.refresh_from_db()
    assert session.government_session is None and session.government_session_label
    assert recommendation.addressed_session is None
