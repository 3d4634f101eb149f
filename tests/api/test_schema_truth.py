"""The schema tells the truth about responses partners generate clients from: each case
reported by a partner's developer, checked against the live schema (Schemathesis'
response-conformance check), plus the error responses every operation can give."""

import base64
from pathlib import Path

import pytest
import schemathesis
import yaml
from django.core import signals
from django.db import close_old_connections
from schemathesis.specs.openapi.checks import response_schema_conformance

from roundtables.enums import PaperState
from tests.factories import (
    EditionFactory,
    OrganisationFactory,
    StaffFactory,
    SteeringMemberFactory,
    country,
)
from tests.roundtables.factories import CoChairFactory, SessionFactory, add_input, set_state

pytestmark = pytest.mark.django_db
PASSWORD = "schema-truth-1"


@pytest.fixture(scope="module")
def _served_schema(django_db_blocker):
    """The schema as the running service serves it, fetched once for the module."""
    from gfmd.config.wsgi import application

    with django_db_blocker.unblock():
        return schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def live_schema(_served_schema, db):
    # Keep the test's connection (and transaction) across WSGI requests.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield _served_schema
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def conforms(live_schema):
    user = StaffFactory(username="schema-truth", password=PASSWORD)
    token = base64.b64encode(f"{user.username}:{PASSWORD}".encode()).decode()

    def check(path, **path_parameters):
        case = live_schema[path]["GET"].Case(path_parameters=path_parameters)
        response = case.call(headers={"Authorization": f"Basic {token}"})
        assert response.status_code == 200, response.text[:300]
        case.validate_response(response, checks=[response_schema_conformance])
        return response.json()

    return check


def test_troika_is_a_plain_list(conforms):
    edition = EditionFactory()
    assert isinstance(conforms("/api/v1/editions/{id}/troika/", id=edition.pk), list)


def test_unconfirmed_cochair_seat_and_undecided_input_are_blank(conforms):
    cochair = CoChairFactory()  # proposed: no seat yet
    assert conforms("/api/v1/cochairs/{id}/", id=cochair.pk)["seat"] == ""
    assert conforms("/api/v1/sessions/{id}/", id=cochair.session_id)["cochairs"][0]["seat"] == ""
    paper = set_state(SessionFactory().paper, PaperState.CONSULTATION)
    item = add_input(paper, country=country("BRA"))
    assert conforms("/api/v1/inputs/{id}/", id=item.pk)["decision"] == ""


def test_current_steering_member_has_no_end_date(conforms):
    SteeringMemberFactory(end_date=None)
    report = conforms("/api/v1/steering-group/balance/")
    assert any(m["end_date"] is None for m in report["members"])


def test_internationalised_website_conforms(conforms):
    org = OrganisationFactory(website="https://bundesministerium-für-arbeit.de/")
    assert conforms("/api/v1/organisations/{id}/", id=org.pk)["website"].startswith(
        "https://bundesministerium-für"
    )


def test_every_operation_documents_405_and_429_with_their_headers():
    schema = yaml.safe_load((Path(__file__).parents[2] / "docs" / "openapi.yaml").read_text())
    missing = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            responses = operation.get("responses", {})
            for code, header in (("405", "Allow"), ("429", "Retry-After")):
                if header not in responses.get(code, {}).get("headers", {}):
                    missing.append(f"{method.upper()} {path} {code}")
    assert not missing, missing[:20]
