"""docs/api.md's partner walkthrough runs verbatim against `make run`: the demo partner
client it names exists with the credentials it uses, and nothing needs `uuidgen`."""

import base64
import re
from pathlib import Path

import pytest
from django.test import Client

from gfmd import demo
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db
CREDENTIALS = f"{demo.DEMO_CLIENT_ID}:{demo.DEMO_CLIENT_SECRET}".encode()
API_MD = (Path(__file__).parents[2] / "docs" / "api.md").read_text()


def test_walkthrough_uses_the_demo_client_and_no_uuidgen():
    assert f"CLIENT_ID={demo.DEMO_CLIENT_ID}" in API_MD
    assert f"CLIENT_SECRET={demo.DEMO_CLIENT_SECRET}" in API_MD
    assert "uuidgen" not in API_MD and "BASE=http://127.0.0.1:8000" in API_MD


def test_demo_client_gets_a_token_with_the_documented_credentials():
    demo.demo_partner_client(StaffFactory())
    demo.demo_partner_client(StaffFactory())  # idempotent
    response = Client().post(
        "/oauth/token/",
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=f"Basic {base64.b64encode(CREDENTIALS).decode()}",
    )
    assert response.status_code == 200, response.content
    scopes = set(response.json()["scope"].split())
    assert {"read", "inputs:submit", "webhooks:manage"} <= scopes
    assert re.search(r"webhooks/\$HOOK/rotate-secret/", API_MD)
