"""Two-factor authentication for staff: enrolment, verification, enforcement per group."""

import base64
import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gfmd.platform.roles import SUPPORT_UNIT_GROUP
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-1"


@pytest.fixture
def enforced(settings):
    settings.GFMD_2FA_REQUIRED_GROUPS = [SUPPORT_UNIT_GROUP]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _code(device: TOTPDevice, drift: int = 0) -> str:
    """The app's code now (drift=1: the next 30 s step, which the device also accepts,
    since a code already used is refused)."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift)
    return f"{code:06d}"


def _login(user) -> Client:
    client = Client()
    assert (
        client.post("/admin/login/", {"username": user.username, "password": PASSWORD}).status_code
        == 302
    )
    return client


def _enrol(client, user) -> list[str]:
    page = client.get("/account/two-factor/")
    assert page.status_code == 200 and "gfmd-qr" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/account/two-factor/", {"token": _code(device)})
    assert response.status_code == 200
    return re.findall(r"<li><code>(\w+)</code></li>", response.content.decode())


def test_staff_without_second_factor_cannot_reach_admin_when_enforced(enforced):
    user = StaffFactory(password=PASSWORD)
    client = _login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/two-factor/?next=")
    # nor the API through the same session
    api = client.get("/api/v1/editions/")
    assert api.status_code == 403 and api.json()["type"] == "two_factor_required"

    codes = _enrol(client, user)
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200  # verified in this session


def test_next_login_asks_for_code_and_recovery_code_works_once(enforced):
    user = StaffFactory(password=PASSWORD)
    codes = _enrol(_login(user), user)

    client = _login(user)
    response = client.get("/admin/")
    assert response["Location"].startswith("/account/two-factor/verify/")
    ok = client.post("/account/two-factor/verify/", {"token": codes[0], "next": "/admin/"})
    assert ok.status_code == 302 and ok["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200

    again = _login(user)
    used = again.post("/account/two-factor/verify/", {"token": codes[0], "next": "/admin/"})
    assert used.status_code == 200  # a recovery code works once
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    assert again.post("/account/two-factor/verify/", {"token": _code(device, 1)}).status_code == 302
    assert again.get("/admin/").status_code == 200

    third = _login(user)
    wrong = third.post("/account/two-factor/verify/", {"token": "000000", "next": "/admin/"})
    assert wrong.status_code == 200 and third.get("/admin/").status_code == 302


def test_unverified_user_cannot_replace_the_enrolled_device(enforced):
    user = StaffFactory(password=PASSWORD)
    _enrol(_login(user), user)
    client = _login(user)
    page = client.get("/account/two-factor/?reset=1")
    assert "gfmd-qr" not in page.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=False).exists()


def test_not_enforced_for_other_groups_and_basic_refused_when_enforced(enforced):
    outside = StaffFactory(password=PASSWORD)
    outside.groups.clear()
    assert _login(outside).get("/admin/").status_code == 200

    member = StaffFactory(password=PASSWORD)
    basic = base64.b64encode(f"{member.username}:{PASSWORD}".encode()).decode()
    response = Client().get("/api/v1/editions/", HTTP_AUTHORIZATION=f"Basic {basic}")
    assert response.status_code in (401, 403)
    assert "two-factor" in response.json()["detail"]


def test_off_by_default(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    assert _login(StaffFactory(password=PASSWORD)).get("/admin/").status_code == 200
