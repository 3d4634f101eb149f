"""The Content-Security-Policy header (gfmd.config.middleware.StaticCSPMiddleware): built
once per process, the same header django-csp writes, and django-csp's own path wherever a
view changes the policy."""

import pytest
from csp.utils import build_policy
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from gfmd.config.middleware import StaticCSPMiddleware

pytestmark = pytest.mark.django_db


def test_every_response_carries_the_settings_policy(client):
    expected = build_policy()
    assert "default-src 'self'" in expected
    for path in ("/api/v1/", "/admin/login/", "/api/v1/no-such-thing/"):
        response = client.get(path)
        assert response["Content-Security-Policy"] == expected, path
        assert "Content-Security-Policy-Report-Only" not in response


def test_a_view_that_changes_the_policy_goes_through_django_csp():
    middleware = StaticCSPMiddleware(lambda request: HttpResponse())
    request = RequestFactory().get("/admin/")
    middleware.process_request(request)
    response = HttpResponse()
    response._csp_update = {"img-src": ["https://maps.example.org"]}
    response = middleware.process_response(request, response)
    assert "https://maps.example.org" in response["Content-Security-Policy"]


def test_settings_changes_and_excluded_prefixes_are_honoured(client):
    policy = {"DIRECTIVES": {"default-src": ["'none'"]}, "EXCLUDE_URL_PREFIXES": ["/api/"]}
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        assert "Content-Security-Policy" not in client.get("/api/v1/")
        assert client.get("/admin/login/")["Content-Security-Policy"] == "default-src 'none'"
    assert client.get("/api/v1/")["Content-Security-Policy"] == build_policy()


def test_the_policy_is_not_built_per_request(client, monkeypatch):
    import csp.middleware

    from gfmd.config import middleware

    client.get("/api/v1/")
    built = []

    def counting(*args, **kwargs):
        built.append(kwargs)
        return build_policy(*args, **kwargs)

    monkeypatch.setattr(csp.middleware, "build_policy", counting)
    monkeypatch.setattr(middleware, "build_policy", counting)
    assert client.get("/api/v1/")["Content-Security-Policy"] == build_policy()
    assert built == []
