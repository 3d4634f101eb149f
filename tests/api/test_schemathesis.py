"""Property-based run of every API operation against the live schema (Schemathesis), as
staff, as an anonymous caller and as a partner client: no 5xx, and every response
matches the documented schema.

Each operation gets COVERAGE_CASES cases spread evenly over Schemathesis' coverage phase
(boundary values, wrong types, NUL characters, missing and unexpected parameters) and
FUZZ_EXAMPLES Hypothesis examples. `make fuzz` runs the same checks unbounded over HTTP.

Schemathesis' pytest plugin does not load under pytest 9 here, and its engine runs cases
on worker threads (which would not see this test's transaction), so the test walks the
operations itself with Schemathesis' own generators and checks.
"""

import time
from contextlib import contextmanager
from urllib.parse import urlencode

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.generation.drivers import CoverageGenerator
from schemathesis.generation.feedback import FeedbackSources
from schemathesis.generation.overrides import Override
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.api.fuzzing import SCOPES, create_accounts, is_known

pytestmark = [pytest.mark.slow]

COVERAGE_CASES = 6  # per operation and caller, spread over the coverage phase
FUZZ_EXAMPLES = 2
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def api_schema(db, monkeypatch, settings):
    from gfmd.config.wsgi import application

    # the run sends thousands of requests a minute: lift the per-caller limits
    monkeypatch.setattr(AnonRateThrottle, "rate", "1000000/min", raising=False)
    monkeypatch.setattr(UserRateThrottle, "rate", "1000000/min", raising=False)
    # The coverage phase sends wrong Basic credentials; the login limits would then lock
    # the test client's address and answer the rest of the walk with 429 (they are
    # tested in tests/gfmd/test_login_limits.py).
    settings.AXES_ENABLED = False
    with _keeping_connection():
        return schemathesis.openapi.from_wsgi("/api/schema/", application)


@contextmanager
def _keeping_connection():
    """Like Django's test client: keep the test's connection (and transaction) open across
    WSGI requests instead of closing it when each request finishes. (The test client
    reconnects these handlers after each of its own requests, so wrap the run itself.)"""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _callers() -> dict[str, dict]:
    """Authorization headers of the three callers."""
    accounts = create_accounts()
    token = Client().post(
        "/oauth/token/",
        urlencode({"grant_type": "client_credentials", "scope": " ".join(SCOPES)}),
        content_type="application/x-www-form-urlencoded",
        HTTP_AUTHORIZATION=accounts["client"],
    )
    assert token.status_code == 200, token.content
    return {
        "staff": {"Authorization": accounts["staff"]},
        "anonymous": {},
        "partner": {"Authorization": f"Bearer {token.json()['access_token']}"},
    }


def _coverage_cases(operation, limit: int):
    generator = CoverageGenerator(
        operation=operation,
        generation_modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
        generation_config=operation.schema.config.generation_for(
            operation=operation, phase="coverage"
        ),
        auth_storage=None,
        override=Override(),
        feedback=FeedbackSources(),
    )
    cases = list(generator)  # positive cases first, then negative (wrong types, NUL, ...)
    step = max(1, len(cases) // limit)
    return cases[::step][:limit]  # evenly spread, so both kinds are sent


def _fuzz_cases(operation, limit: int) -> list:
    """`limit` Hypothesis examples of the operation, drawn once and sent as every caller.

    Derandomised, so drawing them once per caller (as this test did) drew these same
    examples three times: only the strategy building and Hypothesis' bookkeeping were
    repeated. A case that fails is reported as drawn (no shrinking)."""
    cases = []

    @given(case=operation.as_strategy())
    @settings(
        max_examples=limit,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def draw(case):
        cases.append(case)

    draw()
    return cases


def _run_operation(cases, headers, statuses: list) -> tuple[int, list[str]]:
    """Send the operation's cases; returns (cases sent, failure messages)."""
    failures = []
    for case in cases:
        try:
            response = case.call(headers=headers)
            statuses.append(response.status_code)
            case.validate_response(response, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as exc:
            failures.extend(str(e)[:2000] for e in getattr(exc, "exceptions", [exc]))
    return len(cases), failures


def test_every_operation_conforms_to_schema(demo, api_schema):
    # demo: real rows, so lists and details answer data
    callers = _callers()
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) > 100
    cases = {  # drawn once, sent as each caller
        op: _coverage_cases(op, COVERAGE_CASES) + _fuzz_cases(op, FUZZ_EXAMPLES)
        for op in operations
    }

    failures, known, summary, limited = [], [], [], {}
    with _keeping_connection():
        for caller, headers in callers.items():
            started, count, statuses = time.monotonic(), 0, []
            for operation in operations:
                name = f"{caller}: {operation.method.upper()} {operation.path}"
                sent, messages = _run_operation(cases[operation], headers, statuses)
                count += sent
                for message in messages:
                    (known if is_known(operation.path, message) else failures).append(
                        f"{name}: {message}"[:600]
                    )
            summary.append(f"{caller}: {count} cases, {time.monotonic() - started:.0f}s")
            limited[caller] = statuses.count(429)
    print("\n".join(summary + [f"{len(known)} known schema findings"]))

    # A caller answered 429 checks nothing behind the limit (login limits locked the
    # anonymous walk out once: 423 of its 520 cases).
    assert limited == dict.fromkeys(callers, 0), limited

    assert not failures, f"{len(failures)} failures ({'; '.join(summary)}):\n" + "\n\n".join(
        failures
    )
