"""Partner systems: OAuth2 client credentials, scopes, revocation, throttling."""

import base64
from urllib.parse import urlencode

import pytest
from django.test import Client
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework.test import APIClient

from gfmd.platform.models import ActivityLog
from gfmd.services.clients import (
    partner_client_register,
    partner_client_revoke,
    partner_client_rotate_secret,
)
from tests.factories import EditionFactory, OrganisationFactory, country

pytestmark = pytest.mark.django_db


def _register(staff, scopes=("read",), **body):
    body = body or {"country": country("DEU")}
    return partner_client_register(actor=staff, name="Ministry portal", scopes=list(scopes), **body)


def _token(client, secret, scope=None):
    basic = base64.b64encode(f"{client.application.client_id}:{secret}".encode()).decode()
    data = {"grant_type": "client_credentials"}
    if scope:
        data["scope"] = scope
    return Client().post(
        "/oauth/token/",
        urlencode(data),
        content_type="application/x-www-form-urlencoded",
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )


def _bearer(token):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return api


def test_token_issued_with_granted_scopes_and_used_as_focal_point(staff):
    client, secret = _register(staff, scopes=("read", "inputs:submit"))
    response = _token(client, secret)

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["token_type"] == "Bearer" and set(body["scope"].split()) == {
        "read",
        "inputs:submit",
    }
    api = _bearer(body["access_token"])
    assert api.get("/api/v1/countries/DEU/").status_code == 200  # focal point of Germany
    assert api.get("/api/v1/activity/").status_code == 403  # not staff


def test_scope_beyond_grant_is_refused_at_token_endpoint(staff):
    client, secret = _register(staff, scopes=("read",))
    response = _token(client, secret, scope="read write")
    assert response.status_code == 400 and response.json()["error"] == "invalid_scope"


def test_write_needs_write_scope_even_for_allowed_roles(staff):
    EditionFactory(ordinal=1)
    client, secret = _register(staff, scopes=("read",))
    api = _bearer(_token(client, secret).json()["access_token"])

    assert api.get("/api/v1/editions/").status_code == 200
    response = api.post("/api/v1/organisations/", {"name": "X", "kind": "other"}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "This token lacks the 'write' scope."


def test_write_scope_does_not_lift_role_rules(staff):
    client, secret = _register(staff, scopes=("read", "write"))
    api = _bearer(_token(client, secret).json()["access_token"])
    response = api.post("/api/v1/organisations/", {"name": "X", "kind": "other"}, format="json")
    assert response.status_code == 403  # a government's client is not the Support Unit


def test_wrong_secret_and_rotated_secret_are_refused(staff):
    client, secret = _register(staff)
    assert _token(client, "not-the-secret").status_code == 401
    new_secret = partner_client_rotate_secret(actor=staff, client=client)
    assert _token(client, secret).status_code == 401
    assert _token(client, new_secret).status_code == 200


def test_revoked_client_loses_tokens_and_cannot_get_new_ones(staff):
    client, secret = _register(staff)
    token = _token(client, secret).json()["access_token"]
    partner_client_revoke(actor=staff, client=client)

    assert _token(client, secret).status_code == 401
    response = _bearer(token).get("/api/v1/countries/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def _revoke(client, secret, token):
    basic = base64.b64encode(f"{client.application.client_id}:{secret}".encode()).decode()
    return Client().post(
        "/oauth/revoke/",
        urlencode({"token": token}),
        content_type="application/x-www-form-urlencoded",
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )


def test_revoking_another_clients_token_is_404_and_it_stays_valid(staff):
    mine, my_secret = _register(staff)
    theirs, their_secret = partner_client_register(
        actor=staff, name="Other portal", scopes=["read"], country=country("FRA")
    )
    their_token = _token(theirs, their_secret).json()["access_token"]

    response = _revoke(mine, my_secret, their_token)
    assert response.status_code == 404 and response.json()["type"] == "not_found"
    assert _bearer(their_token).get("/api/v1/countries/FRA/").status_code == 200

    my_token = _token(mine, my_secret).json()["access_token"]
    assert _revoke(mine, my_secret, my_token).status_code == 200
    assert _bearer(my_token).get("/api/v1/countries/").status_code == 401
    assert _revoke(mine, my_secret, my_token).status_code == 200  # a retry: RFC 7009's 200


def test_unknown_token_is_401_but_no_credentials_stays_403(api):
    response = _bearer("not-a-token").get("/api/v1/countries/")
    assert response.status_code == 401 and 'error="invalid_token"' in response["WWW-Authenticate"]
    assert api().get("/api/v1/countries/").status_code == 403


def test_only_requests_that_may_carry_a_token_reach_the_oauth_server(staff, monkeypatch):
    client, secret = _register(staff)
    token = _token(client, secret).json()["access_token"]
    reached = []
    authenticate = OAuth2Authentication.authenticate
    monkeypatch.setattr(
        OAuth2Authentication,
        "authenticate",
        lambda self, request: reached.append(request.path) or authenticate(self, request),
    )
    assert APIClient().get("/api/v1/activity/").status_code == 403
    assert reached == []  # no header, no access_token: nothing to look up
    # a token in the query string is looked up as before, and refused as before (URLs
    # end up in logs): the caller stays anonymous
    assert APIClient().get(f"/api/v1/countries/DEU/?access_token={token}").status_code == 404
    assert reached == ["/api/v1/countries/DEU/"]
    assert _bearer(token).get("/api/v1/countries/DEU/").status_code == 200


def test_client_actions_are_logged_as_the_client(staff):
    org = OrganisationFactory(acronym="IOM")
    client, secret = _register(staff, scopes=("read",), organisation=org)
    assert ActivityLog.objects.filter(action="partnerclient.register").exists()
    from gfmd.platform.services.activity import describe_actor

    kind, _, label = describe_actor(client.service_user)
    assert (kind, label) == ("client", "client:Ministry portal")


def test_register_refuses_unknown_scope_and_non_state(staff):
    from gfmd.platform.errors import DomainError

    with pytest.raises(DomainError, match="Unknown"):
        _register(staff, scopes=("read", "admin"))
    with pytest.raises(DomainError, match="not a state"):
        _register(staff, country=country("PRI"))


def test_anonymous_throttled_with_retry_after(api, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "5/min"})
    client = api()
    statuses = [client.get("/api/v1/editions/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/editions/")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert response.json()["type"] == "throttled"


def test_each_client_has_its_own_throttle_budget(staff, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "2/min"})
    first, secret1 = _register(staff)
    second, secret2 = partner_client_register(
        actor=staff, name="IOM records", scopes=["read"], country=country("MAR")
    )
    api1 = _bearer(_token(first, secret1).json()["access_token"])
    api2 = _bearer(_token(second, secret2).json()["access_token"])
    assert [api1.get("/api/v1/countries/").status_code for _ in range(3)] == [200, 200, 429]
    assert api2.get("/api/v1/countries/").status_code == 200


def test_admin_registers_client_and_shows_secret_once(client, staff):
    client.force_login(staff)
    response = client.post(
        "/admin/gfmd/partnerclient/add/",
        {
            "name": "CSD registration site",
            "organisation": OrganisationFactory().pk,
            "scopes": ["read", "applications:submit"],
            "contact_email": "it@example.org",
        },
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200 and "client_secret=" in page
