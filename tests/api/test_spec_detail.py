"""A detail read in one statement (SpecListMixin.retrieve): the record's key as get_object
finds it and its payload together, when the object permission's rule does not read the
object; the same bytes, ETag, 404s and 403s as DRF's get_object and the serializer."""

import pytest
import rules
from rest_framework.renderers import JSONRenderer

from gfmd.platform.api.permissions import _reads_object, rule_reads_object
from gfmd.platform.api.safe_writes import etag_for
from roundtables.api.serializers import SessionSerializer
from roundtables.models import Session
from tests.factories import StaffFactory
from tests.roundtables.factories import SessionFactory, confirmed_cochair

pytestmark = pytest.mark.django_db


def test_rules_of_the_user_alone_do_not_read_the_object():
    assert rule_reads_object("roundtables.view_session") is False  # staff or focal point
    assert rule_reads_object("roundtables.view_input") is True  # the input's own body
    assert rule_reads_object("civil_society.view_application") is True
    assert rule_reads_object("no_such_app.view_nothing") is False  # ModelBackend: no object
    assert rule_reads_object(None) is False


def test_combined_predicates_read_the_object_when_any_part_does():
    of_user = rules.predicate(lambda user: True)
    of_object = rules.predicate(lambda user, obj: True)
    assert _reads_object(of_user | of_user) is False
    assert _reads_object(~(of_user & of_user)) is False
    assert _reads_object(of_user | of_object) is True
    assert _reads_object(of_user & ~of_object) is True
    assert _reads_object(of_user ^ of_object) is True
    assert _reads_object(rules.predicate(lambda *args: True)) is True  # not understood
    assert _reads_object(lambda user: True) is True  # not a predicate


@pytest.fixture
def session(db):
    session = SessionFactory(title="Mobilit\u00e9 \u2028 des comp\u00e9tences")
    confirmed_cochair(session, "DEU")
    return session


def _expected(session) -> tuple[bytes, str]:
    data = SessionSerializer(Session.objects.get(pk=session.pk)).data
    return JSONRenderer().render(data), etag_for(data)


def test_same_bytes_and_etag_in_one_statement(session, api, django_assert_num_queries):
    client = api(StaffFactory())
    body, etag = _expected(session)
    client.get(f"/api/v1/sessions/{session.pk}/")  # the caller's groups, cached
    with django_assert_num_queries(1):
        response = client.get(f"/api/v1/sessions/{session.pk}/")
    assert response.status_code == 200
    assert response.content == body
    assert b"\\u2028" in response.content  # escaped as DRF's renderer escapes it
    assert response["ETag"] == etag
    again = client.get(f"/api/v1/sessions/{session.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag


def _both_ways(client, url, monkeypatch):
    """(status, body, ETag) of the one-statement read, then of DRF's get_object path."""
    from gfmd.platform.api.permissions import RulesPermission

    fast = client.get(url)
    with monkeypatch.context() as patched:
        patched.setattr(RulesPermission, "reads_object", lambda self, view: True)
        slow = client.get(url)
    return [(r.status_code, r.content, r.get("ETag")) for r in (fast, slow)]


@pytest.mark.parametrize("caller", ["staff", "focal", "outsider", "anonymous"])
def test_answers_as_get_object_and_the_serializer(
    session, api, outsider, focal_point, monkeypatch, caller
):
    user = {"staff": StaffFactory(), "focal": focal_point, "outsider": outsider}.get(caller)
    client = api(user)
    edition = session.roundtable.edition_id
    urls = [
        f"/api/v1/sessions/{session.pk}/",
        "/api/v1/sessions/999999/",
        "/api/v1/sessions/abc/",
        # filters apply to a detail as they do to the list (DRF's get_object)
        f"/api/v1/sessions/{session.pk}/?roundtable__edition={edition}",
        f"/api/v1/sessions/{session.pk}/?roundtable__edition={edition + 1000}",
        f"/api/v1/sessions/{session.pk}/?roundtable__edition=x",
        f"/api/v1/sessions/{session.pk}/?search=nothing+like+it",
    ]
    statuses = set()
    for url in urls:
        fast, slow = _both_ways(client, url, monkeypatch)
        assert fast == slow, url
        statuses.add(fast[0])
    if caller in ("staff", "focal"):
        assert statuses == {200, 400, 404}
    else:
        assert 200 not in statuses


def test_browsable_api_still_renders(session, api):
    response = api(StaffFactory()).get(f"/api/v1/sessions/{session.pk}/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200 and b"des comp" in response.content


def test_the_object_permission_still_decides(session, api, focal_point, monkeypatch):
    # a rule that refuses what the queryset let through: 403 both ways, not the payload
    from rules.permissions import permissions as rule_set

    from gfmd.platform.roles import is_support_staff

    monkeypatch.setitem(rule_set, "roundtables.view_session", rules.predicate(is_support_staff))
    fast, slow = _both_ways(api(focal_point), f"/api/v1/sessions/{session.pk}/", monkeypatch)
    assert fast == slow and fast[0] == 403
