"""Sessions, co-chairs, team members and inputs are output specs (gfmd/platform/api/outputs.py):
the database writes their JSON. It must be exactly what the serializers wrote before
(tests/legacy_serializers.py), value for value and key for key, whoever asks, in any time
zone, and the lists' bytes exactly what DRF's JSONRenderer writes.

On the SQLite development database (UTC only):
    DATABASE_URL=sqlite:////tmp/gfmd-test.sqlite3 pytest tests/*/test_outputs.py
"""

import datetime
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from gfmd import demo as gfmd_demo
from gfmd.models import FocalPoint, Organisation
from gfmd.platform.api.safe_writes import etag_for
from roundtables import demo
from roundtables.api.paper_serializers import INPUT
from roundtables.api.serializers import SESSION, CoChairSerializer, SessionSerializer
from roundtables.models import CoChair, Input, Session, TeamMembership, WorkingPaper
from roundtables.selectors.papers import inputs_for_user
from roundtables.selectors.programme import cochairs_for_user, sessions_for_user
from tests import legacy_serializers as legacy

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ZONES = ["UTC", "Asia/Kolkata", "America/Mexico_City"]


@pytest.fixture
def programme():
    out = io.StringIO()
    gfmd_demo.load(out)
    demo.load(out)
    # Edge cases the demo may not hold: an organisation without acronym, an attachment,
    # a session without slot, paper, co-chairs or team; datetimes with and without
    # microseconds; text JSON must escape.
    sample = Input.objects.filter(organisation__isnull=False).first()
    Organisation.objects.filter(pk=sample.organisation_id).update(acronym="")
    Input.objects.filter(pk=Input.objects.order_by("id").first().pk).update(
        attachment="inputs/sample.pdf",
        text='Quotes " and \\ back\nslash, tab\t, é, 東京, \u2028 and \x01.',
    )
    first = Session.objects.order_by("id").first()
    Session.objects.create(
        roundtable=first.roundtable, number=99, title="Unscheduled \u2029", theme=first.theme
    )
    cochairs = CoChair.objects.order_by("id")
    cochairs.filter(pk=cochairs[0].pk).update(
        proposed_at=datetime.datetime(2026, 3, 1, 9, 5, 7, 120, tzinfo=datetime.UTC)
    )
    cochairs.filter(pk=cochairs[1].pk).update(
        proposed_at=datetime.datetime(2026, 7, 1, 23, 30, tzinfo=datetime.UTC)
    )
    WorkingPaper.objects.filter(pk=WorkingPaper.objects.order_by("id")[0].pk).update(
        consultation_deadline=datetime.datetime(2026, 1, 31, 12, 0, 0, 999999, tzinfo=datetime.UTC)
    )
    assert TeamMembership.objects.exists()


def _users():
    users = get_user_model().objects
    focal_points = FocalPoint.objects.select_related("user")
    return [
        users.get(username="staff"),
        focal_points.filter(country__isnull=False).first().user,
        focal_points.filter(organisation__isnull=False).first().user,
    ]


def _zone(zone):
    if zone != "UTC" and connection.vendor == "sqlite":
        pytest.skip("Output specs on SQLite write UTC only.")
    return timezone.override(zone)


def _same(found, expected):
    """Equal values and the same keys in the same order."""
    assert json.dumps(found) == json.dumps(expected)


@pytest.mark.parametrize("zone", ZONES)
def test_session_spec_writes_what_the_serializer_wrote(programme, zone):
    queryset = sessions_for_user(get_user_model().objects.get(username="staff"))
    with _zone(zone):
        expected = legacy.SessionSerializer(queryset, many=True).data
        found = SESSION.render(queryset)
    assert len(expected) >= 6
    assert any(row["paper"] is None for row in expected)
    assert any(row["paper"] and row["paper"]["consultation_deadline"] for row in expected)
    assert any(row["slot_start"] is None for row in expected)
    assert any(row["cochairs"] == [] and row["team"] == [] for row in expected)
    assert {row["is_ready"] for row in expected} == {True, False}
    stamps = {c["proposed_at"] for row in expected for c in row["cochairs"]}
    assert any("." in stamp for stamp in stamps) and any("." not in stamp for stamp in stamps)
    _same(found, expected)


@pytest.mark.parametrize("zone", ZONES)
def test_input_spec_writes_what_the_serializer_wrote(programme, zone):
    queryset = inputs_for_user(get_user_model().objects.get(username="staff"))
    with _zone(zone):
        expected = legacy.InputSerializer(queryset, many=True).data
        found = INPUT.render(queryset)
    assert len(expected) >= 3
    assert {row["attachment_url"] is None for row in expected} == {True, False}
    assert {row["country"] is None for row in expected} == {True, False}
    _same(found, expected)


def test_one_object_and_a_list_of_instances(programme):
    session = Session.objects.order_by("id").first()
    _same(SessionSerializer(session).data, legacy.SessionSerializer(session).data)
    cochairs = list(cochairs_for_user(get_user_model().objects.get(username="staff"))[:5])
    _same(
        CoChairSerializer(cochairs, many=True).data,
        legacy.CoChairSerializer(cochairs, many=True).data,
    )


@pytest.mark.parametrize("who", [0, 1, 2], ids=["staff", "government", "organisation"])
def test_list_endpoints_answer_what_the_serializers_answered(programme, api, who):
    user = _users()[who]
    client = api(user)
    response = client.get("/api/v1/sessions/?page_size=200")
    assert response.content == JSONRenderer().render(response.json())  # DRF's bytes
    _same(
        response.json()["results"],
        legacy.SessionSerializer(sessions_for_user(user), many=True).data,
    )
    response = client.get("/api/v1/inputs/?page_size=200")
    assert response.content == JSONRenderer().render(response.json())
    newest_first = inputs_for_user(user).order_by("-id")
    _same(response.json()["results"], legacy.InputSerializer(newest_first, many=True).data)
    response = client.get("/api/v1/cochairs/?page_size=200")
    assert response.content == JSONRenderer().render(response.json())
    _same(
        response.json()["results"],
        legacy.CoChairSerializer(cochairs_for_user(user), many=True).data,
    )


def test_cursor_pages_follow_on(programme, api):
    client = api(_users()[0])
    first = client.get("/api/v1/inputs/?page_size=2").json()
    second = client.get(first["next"]).json()
    ids = [row["id"] for row in first["results"] + second["results"]]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 4


def test_session_detail_answers_the_serializer_with_its_etag(programme, api):
    user = _users()[0]
    client = api(user)
    for session in sessions_for_user(user):
        expected = legacy.SessionSerializer(session).data
        found = client.get(f"/api/v1/sessions/{session.pk}/")
        _same(found.json(), expected)
        assert found["ETag"] == etag_for(expected)
        again = client.get(f"/api/v1/sessions/{session.pk}/", HTTP_IF_NONE_MATCH=found["ETag"])
        assert again.status_code == 304
