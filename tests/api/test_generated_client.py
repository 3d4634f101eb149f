"""A partner's developer generates a typed client from docs/openapi.yaml with
openapi-python-client (pinned in requirements.txt): every schema and response must make
it in, with no warning, and the client must work against the running service."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from gfmd.services.clients import partner_client_register
from tests.factories import EditionFactory, StaffFactory, country
from tests.roundtables.factories import CoChairFactory

pytestmark = [pytest.mark.slow]
ROOT = Path(__file__).parents[2]
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The client package generated from the committed schema, importable as gfmd_client."""
    out = tmp_path_factory.mktemp("client") / "gfmd_client"
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}  # its ruff
    result = subprocess.run(
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(ROOT / "docs" / "openapi.yaml"),
            "--output-path",
            str(out),
            "--meta",
            "none",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "warning" not in output.lower(), output
    sys.path.insert(0, str(out.parent))
    try:
        yield importlib.import_module("gfmd_client")
    finally:
        sys.path.remove(str(out.parent))
        for name in [m for m in sys.modules if m.split(".")[0] == "gfmd_client"]:
            del sys.modules[name]


def test_client_keeps_every_schema_and_operation(generated):
    import yaml

    schema = yaml.safe_load((ROOT / "docs" / "openapi.yaml").read_text())
    models = importlib.import_module("gfmd_client.models")
    for name in ("CoChair", "Session", "PaginatedCoChairList", "PaginatedSessionList"):
        assert hasattr(models, name), name
    # one package per tag ("Roundtables: sessions" -> api/roundtables_sessions/)
    modules = {p.stem for p in (Path(generated.__file__).parent / "api").glob("*/v1_*.py")}
    operations = [op["operationId"] for item in schema["paths"].values() for op in item.values()]
    assert {f"v1_{op}" if not op.startswith("v1_") else op for op in operations} <= modules


def _operation(generated, name: str):
    """The generated module of one operation, whichever tag package holds it."""
    (path,) = (Path(generated.__file__).parent / "api").glob(f"*/{name}.py")
    return importlib.import_module(f"gfmd_client.api.{path.parent.name}.{name}")


def _partner_token(base_url, staff):
    client, secret = partner_client_register(
        actor=staff,
        name="Typed portal",
        scopes=["read", "webhooks:manage"],
        country=country("DEU"),
    )
    response = httpx.post(
        f"{base_url}/oauth/token/",
        data={"grant_type": "client_credentials"},
        auth=(client.application.client_id, secret),
    )
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def test_partner_calls_the_live_service_through_the_client(generated, live_server, settings):
    settings.WEBHOOKS_ALLOW_HTTP = settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    staff = StaffFactory()
    edition = EditionFactory()
    cochair = CoChairFactory(country=country("DEU"))  # proposed: its seat is still ""
    token = _partner_token(live_server.url, staff)
    client = generated.AuthenticatedClient(base_url=live_server.url, token=token)
    models = importlib.import_module("gfmd_client.models")

    germany = _operation(generated, "v1_countries_retrieve").sync(client=client, iso3="DEU")
    assert isinstance(germany, models.Country) and germany.iso3 == "DEU"

    troika = _operation(generated, "v1_editions_troika_list").sync(edition.pk, client=client)
    assert isinstance(troika, list)

    read = _operation(generated, "v1_cochairs_retrieve").sync(cochair.pk, client=client)
    assert isinstance(read, models.CoChair) and read.id == cochair.pk

    sessions = _operation(generated, "v1_sessions_list").sync(client=client)
    assert isinstance(sessions, models.PaginatedSessionList)
    assert cochair.session_id in [s.id for s in sessions.results]

    body = models.WebhookEndpointRequest(
        url="http://127.0.0.1:9/hook", event_types=[models.EventTypesEnum("input.decided")]
    )
    created = _operation(generated, "v1_webhooks_create").sync(client=client, body=body)
    assert isinstance(created, models.WebhookEndpoint) and created.secret.startswith("whsec_")
    listed = _operation(generated, "v1_webhooks_list").sync(client=client)
    assert [e.id for e in listed.results] == [created.id]
