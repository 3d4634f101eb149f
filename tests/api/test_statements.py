"""A list's statement compiled once per shape (gfmd/platform/api/statements.py): the same
bytes as a statement compiled afresh, for every caller and filter value, and the ORM's
compiler skipped on a request whose shape was seen before."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Value
from django.db.models.sql.compiler import SQLCompiler

from gfmd.models import FocalPoint
from gfmd.platform.api import statements
from roundtables.models import Roundtable, Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def compiles(monkeypatch):
    """The ORM's full compilations, counted (with the suite's CHECK off: it compiles too)."""
    monkeypatch.setattr(statements, "CHECK", False)
    monkeypatch.setattr(statements, "_shapes", {})
    seen = []
    real = SQLCompiler.as_sql

    def counted(self, *args, **kwargs):
        if not self.query.subquery:
            seen.append(self.query.model)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counted)
    return seen


def _callers():
    users = get_user_model().objects
    focal = FocalPoint.objects.exclude(country=None).order_by("id").first().user
    org = FocalPoint.objects.exclude(organisation=None).order_by("id").first().user
    return [users.get(username="staff"), focal, org, None]


def _urls():
    editions = sorted(set(Roundtable.objects.values_list("edition_id", flat=True)))
    session = Session.objects.order_by("id").first()
    return [
        *(f"/api/v1/sessions/?roundtable__edition={e}" for e in editions),
        "/api/v1/sessions/?page=2&page_size=2",
        "/api/v1/sessions/?page_size=2",
        f"/api/v1/sessions/{session.pk}/",
        "/api/v1/inputs/?decision=included",
        "/api/v1/inputs/?decision=rejected",
        "/api/v1/csd/applications/?status=submitted",
        "/api/v1/csd/applications/",
    ]


def test_the_same_bytes_as_a_fresh_compilation_for_every_caller(demo, api, compiles):
    urls = _urls()
    for user in _callers():
        for url in urls:
            statements._shapes.clear()
            fresh = api(user).get(url)
            for _ in range(2):  # kept from the request before, then its own shape again
                again = api(user).get(url)
                assert (again.status_code, again.content) == (fresh.status_code, fresh.content)
    # callers alternating, values changing: never another caller's or value's statement
    expected = {}
    for user in _callers():
        for url in urls:
            statements._shapes.clear()
            expected[user, url] = api(user).get(url).content
    for url in urls:
        for user in _callers():
            assert api(user).get(url).content == expected[user, url], (user, url)


def test_a_shape_seen_before_is_not_compiled_again(demo, api, compiles):
    staff = get_user_model().objects.get(username="staff")
    first, second = sorted(set(Roundtable.objects.values_list("edition_id", flat=True)))[:2]
    assert api(staff).get(f"/api/v1/sessions/?roundtable__edition={first}").status_code == 200
    assert compiles.count(Session) == 1
    response = api(staff).get(f"/api/v1/sessions/?roundtable__edition={second}")
    assert response.status_code == 200 and response.json()["results"]
    assert compiles.count(Session) == 1  # the edition is bound, the rest was kept
    api(staff).get(f"/api/v1/sessions/?roundtable__edition={first}&page_size=1")
    assert compiles.count(Session) == 2  # another slice: another shape


def test_values_outside_where_or_opaque_parts_are_compiled_each_time(demo, compiles):
    named = Session.objects.annotate(label=Value("x")).values("pk", "label")
    subquery = Session.objects.annotate(
        later=Exists(Session.objects.filter(pk__gt=OuterRef("pk")))
    ).values("pk", "later")
    for queryset in (named, subquery):
        for _ in range(2):
            statements.compiled(queryset.query, "default")
    assert len(compiles) == 4 and statements._shapes == {}


def test_check_mode_fails_on_a_kept_statement_that_differs(demo, monkeypatch, compiles):
    query = Session.objects.filter(number=1).values("pk").query
    statements.compiled(query, "default")
    [shape] = statements._shapes
    statements._shapes[shape].sql = "SELECT 1"
    monkeypatch.setattr(statements, "CHECK", True)
    with pytest.raises(AssertionError, match="statement cache differs"):
        statements.compiled(Session.objects.filter(number=2).values("pk").query, "default")
