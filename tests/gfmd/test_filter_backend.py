"""The filter backend builds each view's automatic FilterSet class once, and filters as
django-filter does (a bad value is still a 400 naming the field)."""

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from rest_framework.request import Request

from gfmd.models import Edition
from gfmd.platform.api.filters import FilterBackend, KeyChoiceField
from roundtables.api.views.inputs import InputViewSet
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
    # (asked after the page, which was empty: a page with rows proves the key)
    assert reads[-1] == f'SELECT 1 FROM "gfmd_edition" WHERE "id" = {edition.pk} LIMIT 1'
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


def _edition_reads(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response, [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SELECT 1 ")]


def test_a_list_page_with_rows_proves_its_keys_without_asking(api, staff):
    from tests.roundtables.factories import SessionFactory

    session = SessionFactory()
    edition = session.roundtable.edition
    client = api(staff)
    client.get("/api/v1/sessions/")
    found, checks = _edition_reads(client, f"/api/v1/sessions/?roundtable__edition={edition.pk}")
    assert found.status_code == 200 and found.json()["count"] == 1
    assert checks == []  # the row matched the key: the edition exists
    other = EditionFactory()  # no sessions: the empty page asks
    empty, checks = _edition_reads(client, f"/api/v1/sessions/?roundtable__edition={other.pk}")
    assert empty.status_code == 200 and empty.json()["count"] == 0
    assert checks == [f'SELECT 1 FROM "gfmd_edition" WHERE "id" = {other.pk} LIMIT 1']


def test_an_unknown_key_is_the_same_400_on_any_page_and_beside_other_errors(api, staff):
    client = api(staff)
    for url in (
        "/api/v1/sessions/?roundtable__edition=999999",
        "/api/v1/sessions/?roundtable__edition=999999&page=3",  # past the end: still the 400
        "/api/v1/inputs/?paper=999999",  # cursor pages too
    ):
        bad = client.get(url)
        assert bad.status_code == 400, url
        assert list(bad.json()["fields"].values()) == [
            ["Select a valid choice. That choice is not one of the available choices."]
        ]
    both = client.get("/api/v1/sessions/?roundtable=999999&roundtable__edition=999999&theme=x")
    assert both.status_code == 400
    assert list(both.json()["fields"]) == ["roundtable", "roundtable__edition", "theme"]


def test_an_export_checks_its_keys_at_once(api, staff):
    bad = api(staff).get("/api/v1/cochairs/export/?session__roundtable__edition=999999")
    assert bad.status_code == 400 and "session__roundtable__edition" in bad.json()["fields"]


def test_no_query_parameters_build_no_form_unless_a_filter_is_required(rf, monkeypatch):
    import django_filters

    backend = FilterBackend()
    view = SessionViewSet()
    queryset = Session.objects.all()
    built = []
    original = FilterBackend.get_filterset
    monkeypatch.setattr(FilterBackend, "get_filterset", lambda *a: built.append(1) or original(*a))
    bare = Request(rf.get("/api/v1/sessions/1/"))
    assert backend.filter_queryset(bare, queryset, view) is queryset and not built
    given = Request(rf.get("/api/v1/sessions/1/", {"theme": ""}))  # given, if empty
    backend.filter_queryset(given, queryset, view)
    assert built

    class Required(django_filters.FilterSet):
        theme = django_filters.NumberFilter(required=True)

        class Meta:
            model = Session
            fields = ["theme"]

    class RequiredView(SessionViewSet):
        filterset_class = Required

    with pytest.raises(Exception) as refused:  # the form still says the filter is required
        backend.filter_queryset(bare, queryset, RequiredView())
    assert "theme" in str(refused.value.detail)


def test_each_request_gets_its_own_filters_and_form_fields_with_shared_choices(rf):
    import django_filters

    class WithMethod(django_filters.FilterSet):
        numbered = django_filters.NumberFilter(method="by_number")

        class Meta:
            model = Input
            fields = ["paper", "decision"]

        def by_number(self, queryset, name, value):
            return queryset.filter(consultation_round=value)

    class View(InputViewSet):
        filterset_class = WithMethod

    backend, view, queryset = FilterBackend(), View(), Input.objects.all()
    one = backend.get_filterset(Request(rf.get("/", {"decision": "included"})), queryset, view)
    two = backend.get_filterset(Request(rf.get("/", {"numbered": "2"})), queryset, view)
    template = type(one).base_filters
    for name in ("paper", "decision", "numbered"):
        assert one.filters[name] is not two.filters[name] is not template[name]
        assert one.filters[name].parent is one and two.filters[name].parent is two
        assert one.filters[name].extra is not template[name].extra
    one.filters["decision"].extra["x"] = 1  # a request's change stays its own
    assert "x" not in two.filters["decision"].extra and "x" not in template["decision"].extra
    # a method filter calls its own FilterSet's method (deep-copied: it points back)
    assert one.filters["numbered"].filter.f is one.filters["numbered"]
    assert '"consultation_round" = 2' in str(two.qs.query)
    # form fields: a copy each, the choices (fixed for the form class) shared
    first, second = one.form.fields["decision"], two.form.fields["decision"]
    assert first is not second and first.widget is not second.widget
    assert first.error_messages is not second.error_messages
    assert first._choices is second._choices
    assert one.is_valid() and one.form.cleaned_data["decision"] == "included"
    bad = backend.get_filterset(Request(rf.get("/", {"decision": "nope"})), queryset, view)
    assert not bad.is_valid() and "decision" in bad.errors
