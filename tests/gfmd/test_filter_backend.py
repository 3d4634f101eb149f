"""The filter backend builds each view's automatic FilterSet class once, and filters as
django-filter does (a bad value is still a 400 naming the field)."""

import pytest

from gfmd.models import Edition
from gfmd.platform.api.filters import FilterBackend
from roundtables.api.views.papers import InputViewSet
from roundtables.api.views.programme import SessionViewSet
from roundtables.models import Input, Session
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


def test_automatic_filterset_class_is_built_once_per_view():
    backend = FilterBackend()
    sessions = backend.get_filterset_class(SessionViewSet(), Session.objects.all())
    assert backend.get_filterset_class(SessionViewSet(), Session.objects.all()) is sessions
    inputs = backend.get_filterset_class(InputViewSet(), Input.objects.all())
    assert inputs is not sessions and inputs._meta.model is Input
    assert set(sessions.base_filters) >= {"roundtable", "roundtable__edition", "theme"}


def test_filters_still_filter_and_refuse_bad_values(api, staff):
    edition = EditionFactory()
    assert Edition.objects.count() >= 1
    found = api(staff).get(f"/api/v1/sessions/?roundtable__edition={edition.pk}")
    assert found.status_code == 200 and found.json()["count"] == 0
    bad = api(staff).get("/api/v1/sessions/?roundtable__edition=999999")
    assert bad.status_code == 400 and "roundtable__edition" in bad.json()["fields"]
