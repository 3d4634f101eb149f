"""CSD applications and delegates are output specs (gfmd/platform/api/outputs.py): the database
writes their JSON. It must be exactly what the serializers wrote before
(tests/legacy_serializers.py), whoever asks, and the list's bytes what DRF writes.

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

from civil_society.api.serializers.applications import CSD_APPLICATION, CSDApplicationSerializer
from civil_society.models import Application, CommonSpaceParticipant, Delegate
from civil_society.selectors.records import applications_for_user, delegates_for_user
from gfmd.models import FocalPoint
from tests import legacy_serializers as legacy
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
    # Interests with characters JSON escapes; a decision time with microseconds.
    some = Delegate.objects.order_by("id")
    some.filter(pk=some[0].pk).update(
        roundtable_interests=['Labour "mobility"', "é\nü", "\u2028"],
        decided_at=datetime.datetime(2026, 5, 4, 3, 2, 1, 5, tzinfo=datetime.UTC),
    )
    some.filter(pk=some[1].pk).update(roundtable_interests=[])


def _zone(zone):
    if zone != "UTC" and connection.vendor == "sqlite":
        pytest.skip("Output specs on SQLite write UTC only.")
    return timezone.override(zone)


def _same(found, expected):
    """Equal values and the same keys in the same order."""
    assert json.dumps(found) == json.dumps(expected)


@pytest.mark.parametrize("zone", ["UTC", "Asia/Kolkata"])
def test_application_spec_writes_what_the_serializer_wrote(demo, zone):
    # GFMD 2020's 300 (the edition in office has a smaller CSD of its own in the demo)
    queryset = applications_for_user(get_user_model().objects.get(username="staff")).filter(
        csd_edition__edition__ordinal=12
    )
    with _zone(zone):
        expected = legacy.CSDApplicationSerializer(queryset, many=True).data
        found = CSD_APPLICATION.render(queryset)
    assert len(expected) == 300
    assert {len(row["delegates"]) for row in expected} >= {0, 1, 2}
    assert {row["review_count"] > 0 for row in expected} == {True, False}
    interests = [d["roundtable_interests"] for row in expected for d in row["delegates"]]
    assert [] in interests and ['Labour "mobility"', "é\nü", "\u2028"] in interests
    _same(found, expected)


def test_application_list_answers_what_the_serializer_answered(demo, api):
    organisation_user = (
        FocalPoint.objects.filter(organisation__csd_profile__applications__isnull=False)
        .first()
        .user
    )
    for user in (get_user_model().objects.get(username="staff"), organisation_user):
        found = api(user).get("/api/v1/csd/applications/?page_size=200&status=submitted")
        assert found.content == JSONRenderer().render(found.json())  # DRF's bytes
        newest_first = applications_for_user(user).filter(status="submitted").order_by("-id")
        expected = legacy.CSDApplicationSerializer(newest_first[:200], many=True).data
        assert expected
        _same(found.json()["results"], expected)


def test_delegate_list_and_one_application(demo, api):
    staff = get_user_model().objects.get(username="staff")
    found = api(staff).get("/api/v1/csd/delegates/?page_size=200")
    assert found.content == JSONRenderer().render(found.json())
    expected = legacy.CSDDelegateSerializer(delegates_for_user(staff)[:200], many=True).data
    _same(found.json()["results"], expected)
    application = applications_for_user(staff).first()
    _same(
        CSDApplicationSerializer(application).data,
        legacy.CSDApplicationSerializer(application).data,
    )
