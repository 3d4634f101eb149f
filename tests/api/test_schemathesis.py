"""Property-based run of every API operation against the live schema (Schemathesis):
no 5xx, and every response matches the documented schema.

Schemathesis' pytest plugin does not load under pytest 9 here, so the test walks the
operations itself with their Hypothesis strategies (same generation, same checks).
"""

import base64

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.factories import StaffFactory

pytestmark = [pytest.mark.slow]

PASSWORD = "schemathesis-pass-1"
EXAMPLES = 5


@pytest.fixture
def api_schema(db, settings):
    from gfmd.wsgi import application

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed
    # Like Django's test client: keep the test's connection (and transaction) open
    # across WSGI requests instead of closing it when each request finishes.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", application)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_every_operation_conforms_to_schema(api_schema):
    user = StaffFactory(username="schemathesis", password=PASSWORD)
    token = base64.b64encode(f"{user.username}:{PASSWORD}".encode()).decode()
    headers = {"Authorization": f"Basic {token}"}
    failures, checked = [], 0

    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            response = case.call(headers=headers)
            case.validate_response(
                response, checks=[not_a_server_error, response_schema_conformance]
            )

        try:
            check()
        except (Exception, BaseExceptionGroup) as exc:  # collect every failing operation
            details = "; ".join(str(e)[:400] for e in getattr(exc, "exceptions", [exc]))
            failures.append(f"{operation.method.upper()} {operation.path}: {details}"[:1500])
        checked += 1

    assert checked > 100
    assert not failures, f"{len(failures)} of {checked} operations failed:\n" + "\n\n".join(
        failures
    )
