"""The CSD application list is built by a reader from `values()` rows: it must answer
exactly what the serializer answers for the same applications, whoever asks."""

import io

import pytest
from django.contrib.auth import get_user_model

from civil_society.api import readers
from civil_society.api.serializers import CSDApplicationSerializer
from civil_society.models import Application, CommonSpaceParticipant, Delegate
from civil_society.selectors.records import applications_for_user
from gfmd.models import FocalPoint
from tests.factories import country

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def demo():
    from django.core.management import call_command

    country("DEU")
    call_command("load_demo", stdout=io.StringIO())
    # An application without delegates, to cover the empty nested list.
    referenced = CommonSpaceParticipant.objects.exclude(delegate=None).values("delegate")
    free = Application.objects.exclude(delegates__in=referenced).exclude(
        delegates__friends_meetings__isnull=False
    )
    Delegate.objects.filter(application=free.order_by("id").first()).delete()


def test_application_reader_equals_the_serializer_for_every_application(demo):
    queryset = applications_for_user(get_user_model().objects.get(username="staff"))
    expected = CSDApplicationSerializer(queryset, many=True).data
    assert len(expected) == 300
    assert {len(row["delegates"]) for row in expected} >= {0, 1, 2}
    assert {row["review_count"] > 0 for row in expected} == {True, False}
    assert readers.applications(list(readers.application_values(queryset))) == expected


def test_application_list_answers_what_the_serializer_answers(demo, api):
    organisation_user = (
        FocalPoint.objects.filter(organisation__csd_profile__applications__isnull=False)
        .first()
        .user
    )
    for user in (get_user_model().objects.get(username="staff"), organisation_user):
        found = api(user).get("/api/v1/csd/applications/?page_size=200&status=submitted")
        newest_first = applications_for_user(user).filter(status="submitted").order_by("-id")
        expected = CSDApplicationSerializer(newest_first[:200], many=True).data
        assert found.json()["results"] == expected and expected
