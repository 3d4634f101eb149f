"""The session and input lists are built by readers from `values()` rows: they must answer
exactly what the serializers answer for the same records, whoever asks."""

import io

import pytest
from django.contrib.auth import get_user_model

from gfmd import demo as gfmd_demo
from gfmd.models import FocalPoint, Organisation
from roundtables import demo
from roundtables.api import readers
from roundtables.api.serializers import InputSerializer, SessionSerializer
from roundtables.models import Input, Session
from roundtables.selectors.papers import inputs_for_user
from roundtables.selectors.programme import sessions_for_user

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def programme():
    out = io.StringIO()
    gfmd_demo.load(out)
    demo.load(out)
    # Edge cases the demo may not hold: an organisation without acronym, an attachment,
    # a session without slot or paper.
    sample = Input.objects.filter(organisation__isnull=False).first()
    Organisation.objects.filter(pk=sample.organisation_id).update(acronym="")
    Input.objects.filter(pk=Input.objects.order_by("id").first().pk).update(
        attachment="inputs/sample.pdf"
    )
    first = Session.objects.order_by("id").first()
    Session.objects.create(
        roundtable=first.roundtable, number=99, title="Unscheduled", theme=first.theme
    )


def _users():
    users = get_user_model().objects
    focal_points = FocalPoint.objects.select_related("user")
    return [
        users.get(username="staff"),
        focal_points.filter(country__isnull=False).first().user,
        focal_points.filter(organisation__isnull=False).first().user,
    ]


def test_session_reader_equals_the_serializer_for_every_session(programme):
    queryset = sessions_for_user(get_user_model().objects.get(username="staff"))
    expected = SessionSerializer(queryset, many=True).data
    assert len(expected) >= 6
    assert any(row["paper"] is None for row in expected)
    assert any(row["slot_start"] is None for row in expected)
    assert readers.sessions(list(readers.session_values(queryset))) == expected


def test_input_reader_equals_the_serializer_for_every_input(programme):
    queryset = inputs_for_user(get_user_model().objects.get(username="staff"))
    expected = InputSerializer(queryset, many=True).data
    assert len(expected) >= 3
    assert {row["attachment_url"] is None for row in expected} == {True, False}
    assert {row["country"] is None for row in expected} == {True, False}
    assert readers.inputs(list(readers.input_values(queryset))) == expected


@pytest.mark.parametrize("who", [0, 1, 2], ids=["staff", "government", "organisation"])
def test_list_endpoints_answer_what_the_serializers_answer(programme, api, who):
    user = _users()[who]
    client = api(user)
    sessions = client.get("/api/v1/sessions/?page_size=200").json()["results"]
    assert sessions == SessionSerializer(sessions_for_user(user), many=True).data
    inputs = client.get("/api/v1/inputs/?page_size=200").json()["results"]
    newest_first = inputs_for_user(user).order_by("-id")
    assert inputs == InputSerializer(newest_first, many=True).data


def test_session_detail_answers_the_serializer_with_its_etag(programme, api):
    from gfmd.platform.api.safe_writes import etag_for

    user = _users()[0]
    client = api(user)
    for session in sessions_for_user(user):
        expected = SessionSerializer(session).data
        found = client.get(f"/api/v1/sessions/{session.pk}/")
        assert found.json() == expected
        assert found["ETag"] == etag_for(expected)
        again = client.get(f"/api/v1/sessions/{session.pk}/", HTTP_IF_NONE_MATCH=found["ETag"])
        assert again.status_code == 304
