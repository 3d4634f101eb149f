"""The filter backend builds each view's automatic FilterSet class once, and filters as
django-filter does (a bad value is still a 400 naming the field)."""

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from rest_framework.request import Request

from gfmd.models import Edition
from gfmd.platform.api.filters import FilterBackend, KeyChoiceField
from roundtables.api.views.papers import InputViewSet
from roundtables.api.views.programme import SessionViewSet
from roundtables.models import Input, Session, Theme
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


@pytest.mark.parametrize("value", ["999999", "abc", "1.5", "-1", "99999999999999999999", "20 20"])
def test_foreign_key_filter_refuses_unknown_and_malformed_keys(api, staff, value):
    bad = api(staff).get("/api/v1/sessions/", {"roundtable__edition": value})
    assert bad.status_code == 400
    assert bad.json()["fields"]["roundtable__edition"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]


def test_foreign_key_filter_refuses_nul_characters(api, staff):
    bad = api(staff).get("/api/v1/sessions/", {"roundtable__edition": "1\x00"})
    assert bad.status_code == 400 and "roundtable__edition" in bad.json()["fields"]


def test_foreign_key_filter_checks_the_key_without_reading_the_row(api, staff):
    edition = EditionFactory()
    client = api(staff)
    client.get("/api/v1/sessions/")  # warms the caller's group cache
    with CaptureQueriesContext(connection) as ctx:
        found = client.get(f"/api/v1/sessions/?roundtable__edition={edition.pk}")
    assert found.status_code == 200 and found.json()["count"] == 0
    reads = [q["sql"] for q in ctx.captured_queries if '"gfmd_edition"' in q["sql"]]
    assert reads[0] == f'SELECT 1 FROM "gfmd_edition" WHERE "id" = {edition.pk} LIMIT 1'
    assert not [sql for sql in reads if '"gfmd_edition"."title"' in sql]
    # nothing remembered: a key gone since is refused
    edition.delete()
    gone = client.get(f"/api/v1/sessions/?roundtable__edition={edition.pk}")
    assert gone.status_code == 400 and "roundtable__edition" in gone.json()["fields"]


def test_filter_form_class_is_shared_when_no_choice_depends_on_the_request(rf):
    backend = FilterBackend()
    view = SessionViewSet()
    queryset = Session.objects.all()
    forms = {
        type(backend.get_filterset(Request(rf.get("/")), queryset, view).form) for _ in range(2)
    }
    assert len(forms) == 1
    assert type(forms.pop().base_fields["roundtable__edition"]) is KeyChoiceField


def test_filters_and_form_fields_are_copied_without_cloning_querysets(rf, monkeypatch):
    backend = FilterBackend()
    view, queryset = SessionViewSet(), Session.objects.all()
    assert backend.get_filterset(Request(rf.get("/")), queryset, view).form  # its class, once
    clones = []
    clone = QuerySet._clone
    monkeypatch.setattr(QuerySet, "_clone", lambda self: clones.append(self.model) or clone(self))
    filterset = backend.get_filterset(Request(rf.get("/?roundtable__edition=1")), queryset, view)
    assert filterset.form.fields["roundtable__edition"].queryset.model is Edition
    assert Edition not in clones and Theme not in clones
