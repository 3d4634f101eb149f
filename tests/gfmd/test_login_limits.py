"""Brute-force limits on the admin login, HTTP Basic and the OAuth token endpoint."""

import base64
from urllib.parse import urlencode

import pytest
from axes.models import AccessAttempt
from django.test import Client

from gfmd.services.clients import partner_client_register
from tests.factories import StaffFactory, UserFactory, country

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-1"


@pytest.fixture(autouse=True)
def _small_limits(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _basic(username, password):
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def _admin_login(client, username, password):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def test_admin_login_locks_account_after_limit_with_clear_message():
    user = StaffFactory(password=PASSWORD)
    client = Client()
    for _ in range(2):
        response = _admin_login(client, user.username, "wrong")
        assert response.status_code == 200  # the form again
    response = _admin_login(client, user.username, "wrong")
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 15 * 60
    assert "Too many failed login attempts" in response.content.decode()
    # now even the right password is refused until the cool-off ends
    response = _admin_login(client, user.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_per_ip_limit_covers_many_accounts():
    users = [UserFactory(password=PASSWORD) for _ in range(3)]
    client = Client()
    for user in users:
        _admin_login(client, user.username, "wrong")
    fresh = StaffFactory(password=PASSWORD)
    assert _admin_login(client, fresh.username, PASSWORD).status_code == 429
    # another address is not affected
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert _admin_login(other, fresh.username, PASSWORD).status_code == 302


def test_staff_lift_a_lockout_in_the_admin(staff):
    victim = StaffFactory(password=PASSWORD)
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(3):
        _admin_login(attacker, victim.username, "wrong")
    attempt = AccessAttempt.objects.get(username=victim.username)

    admin = Client()
    admin.force_login(staff)
    page = admin.get("/admin/axes/accessattempt/")
    assert page.status_code == 200 and victim.username in page.content.decode()
    response = admin.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert (
        _admin_login(Client(REMOTE_ADDR="203.0.113.9"), victim.username, PASSWORD).status_code
        == 302
    )


def test_basic_auth_answers_429_json_with_retry_after():
    user = StaffFactory(password=PASSWORD)
    client = Client()
    statuses = [
        client.get("/api/v1/editions/", **_basic(user.username, "wrong")).status_code
        for _ in range(3)
    ]
    assert statuses[:2] == [401, 401]  # refused (retryable), not yet locked
    response = client.get("/api/v1/editions/", **_basic(user.username, PASSWORD))
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 15 * 60
    body = response.json()
    assert body["type"] == "login_locked" and body["fields"] == {}
    assert "Too many failed login attempts" in body["detail"]


def test_wrong_basic_credentials_are_401_with_a_basic_challenge():
    user = StaffFactory(password=PASSWORD)
    response = Client().get("/api/v1/editions/", **_basic(user.username, "wrong"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Basic realm="api"'
    assert response.json()["type"] == "authentication_failed"


def test_correct_basic_credentials_are_never_counted():
    user = StaffFactory(password=PASSWORD)
    client = Client()
    for _ in range(10):
        assert client.get("/api/v1/editions/", **_basic(user.username, PASSWORD)).status_code == 200
    assert not AccessAttempt.objects.exists()


def _token(client_id, secret, remote="127.0.0.1"):
    return Client(REMOTE_ADDR=remote).post(
        "/oauth/token/",
        urlencode({"grant_type": "client_credentials"}),
        content_type="application/x-www-form-urlencoded",
        **_basic(client_id, secret),
    )


def test_token_endpoint_locks_client_after_wrong_secrets(staff):
    client, secret = partner_client_register(
        actor=staff, name="Ministry portal", scopes=["read"], country=country("DEU")
    )
    client_id = client.application.client_id
    assert _token(client_id, "wrong").status_code == 401
    assert _token(client_id, "wrong").status_code == 401
    assert _token(client_id, "wrong").status_code == 429
    response = _token(client_id, secret)  # right secret, still locked
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["type"] == "login_locked"
    # per client id: the same client from another address is locked too
    assert _token(client_id, secret, remote="198.51.100.8").status_code == 429
    AccessAttempt.objects.all().delete()  # staff lift it
    assert _token(client_id, secret).status_code == 200


def test_nul_in_credentials_is_refused_not_a_server_error():
    client = Client()
    # the request guard refuses a NUL in any header before authentication runs
    response = client.get("/api/v1/editions/", **_basic("staff\x00", "x"))
    assert response.status_code == 400 and response.json()["type"]
    assert _token("client\x00", "secret").status_code in (400, 401)
