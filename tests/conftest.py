"""Fixtures shared by every app's tests: users per role, API clients, the demo data made once
per module, a real Celery worker on a real Redis broker, and a headless Chromium page.

How to make test data (docs/testing.md): factories (tests/factories.py and each app's
factories.py) for the rows a test is about; a named scenario fixture (`world` in
tests/roundtables/conftest.py and tests/civil_society/conftest.py, `demo` here) when a
test needs a whole edition with a person in every role.
"""

import copy
import os
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test import override_settings
from rest_framework.test import APIClient

from gfmd.platform.api import statements
from tests.factories import (
    FocalPointFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
    country,
)

ROOT = Path(__file__).resolve().parent.parent
# Every statement served from the compiled-shape cache is compiled again and compared.
statements.CHECK = True


def _redis_db_per_worker():
    """Under pytest-xdist (not `make test`'s default yet: docs/testing.md) each worker gets
    its own Redis database, counting down from TEST_REDIS_URL's (gw0 keeps it, gw1 the one
    below): tests clear the cache and a worker's broker keys must not meet the other's.
    Each worker already has its own test database (pytest-django) and tmp_path."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw"):
        return
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    base, _, db = url.rpartition("/")
    index = int(worker.removeprefix("gw"))
    if not db.isdigit() or int(db) < index:
        raise pytest.UsageError(f"TEST_REDIS_URL {url} leaves no Redis database for {worker}")
    os.environ["TEST_REDIS_URL"] = f"{base}/{int(db) - index}"


_redis_db_per_worker()  # before any test module reads TEST_REDIS_URL


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """MD5 instead of PBKDF2's million rounds: every factory user hashes a password, which
    cost a quarter of a second per user. No test is about the hasher's strength."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def _celery_tasks_registered():
    """Every app's tasks registered, as a worker registers them at start: tests that look a
    task up by name, as beat does, pass whichever modules ran before them."""
    from gfmd.config.celery import app

    app.loader.import_default_modules()


@contextmanager
def rows_kept_for_the_module(django_db_blocker):
    """Open a transaction for rows made once for a module, and roll it back at the module's
    end. Each test's own transaction (the `db` fixture) nests in it as a savepoint, so what
    a test writes is undone after it and the next test sees the rows as they were made.

    Only for modules without transactional tests (`transaction=True`, `transactional_db`,
    `live_server`): those commit and flush, which an open transaction would swallow.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    names = set(getattr(item, "fixturenames", ()))
    return bool(names & {"transactional_db", "live_server", "celery_worker", "browser_page"})


def refuse_transactional_neighbours(request):
    """Fail early, with the reason, where a module-made scenario would meet a test that
    commits (see rows_kept_for_the_module): give that module a per-test fixture instead."""
    module = request.module
    found = [
        item.name
        for item in request.session.items
        if getattr(item, "module", None) is module and _transactional(item)
    ]
    if found:
        raise pytest.UsageError(
            f"{module.__name__} mixes a module-made scenario with transactional tests "
            f"({', '.join(found)}): override the scenario with a per-test one there."
        )


def per_test_copy(scenario):
    """A deep copy of a module's scenario (model instances included), as Django's
    setUpTestData gives each test: a test may change its copy's attributes freely."""
    return copy.deepcopy(scenario)


@pytest.fixture(scope="module")
def _demo_rows(request, django_db_setup, django_db_blocker):
    from io import StringIO

    from django.core.management import call_command

    from tests.factories import reference_data

    refuse_transactional_neighbours(request)
    with rows_kept_for_the_module(django_db_blocker):
        reference_data()  # an earlier transactional test may have flushed the reference rows
        call_command("load_demo", stdout=StringIO())
        yield


@pytest.fixture
def demo(_demo_rows, db):
    """The demo data (`manage.py load_demo`): loaded once per module, each test's writes
    rolled back. For tests that walk every endpoint or table against realistic rows."""


@pytest.fixture(autouse=True)
def _locmem_email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counters and other cached state never leak from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def focal_point(db):
    """A focal point of Germany's government."""
    return FocalPointFactory(country=country("DEU")).user


@pytest.fixture
def org_focal_point(db):
    return FocalPointFactory(organisation=OrganisationFactory(acronym="IOM")).user


@pytest.fixture
def mechanism_focal_point(db):
    """A focal point of a stakeholder mechanism (the Mayors Mechanism)."""
    from tests.factories import MechanismFactory

    return FocalPointFactory(mechanism=MechanismFactory(code="mayors", name="Mayors")).user


@pytest.fixture
def outsider(db):
    """Logged in, but represents no government or organisation."""
    return UserFactory()


@pytest.fixture
def api():
    """api(user) -> an APIClient authenticated as `user` (None: anonymous)."""

    def make(user=None):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


def _test_database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgresql://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _reset_broker_pools(app):
    """Drop pooled broker connections so the next send uses the current broker_url."""
    from kombu import pools

    pools.reset()  # Celery's pools live in kombu's global registry, keyed by connection
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def running_celery_worker(tmp_path, broker: str):
    """A real `celery worker` process consuming a private queue on `broker`.

    The test process sends to the same queue, so tasks go through the broker to that
    process, which writes to the test database. Yields the folder where the worker's file
    email backend writes messages.
    """
    from gfmd.config.celery import app

    queue = f"test-{uuid.uuid4().hex[:10]}"
    mailbox = tmp_path / f"mail-{queue}"
    mailbox.mkdir()
    logfile = tmp_path / f"worker-{queue}.log"
    env = {
        **os.environ,
        "DATABASE_URL": _test_database_url(),
        "CELERY_BROKER_URL": broker,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mailbox),
        "DB_CONN_MAX_AGE": "0",
        # the test receivers listen on loopback over plain http
        "WEBHOOKS_ALLOW_HTTP": "true",
        "WEBHOOKS_ALLOW_PRIVATE_TARGETS": "true",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "gfmd",
            "worker",
            "--pool=solo",
            f"--queues={queue}",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
            f"--logfile={logfile}",
            f"--hostname={queue}@%h",
        ],
        cwd=ROOT,
        env=env,
    )
    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager", "task_default_queue")}
    app.conf.update(broker_url=broker, task_always_eager=False, task_default_queue=queue)
    _reset_broker_pools(app)
    try:
        deadline = time.monotonic() + 60
        while "ready." not in (logfile.read_text() if logfile.exists() else ""):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"worker did not start: {logfile.read_text()[-2000:]}")
            time.sleep(0.2)
        yield mailbox
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        app.conf.update(**saved)
        _reset_broker_pools(app)


@pytest.fixture
def celery_worker(transactional_db, tmp_path):
    """A real worker on the test Redis broker (see running_celery_worker)."""
    broker = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    with running_celery_worker(tmp_path, broker) as mailbox:
        yield mailbox


def wait_for(predicate, timeout: float = 30.0, interval: float = 0.2):
    """Poll `predicate` until it returns a truthy value (returned) or fail after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s")


@pytest.fixture
def browser_page(live_server):
    """A Playwright page in Debian's headless Chromium, pointed at the live test server."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls made by
    # the test itself are still synchronous and safe. Unset however the test ends (a
    # browser that fails to launch must not leave it to later tests: check --deploy
    # refuses it).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield from _chromium_page(sync_playwright, live_server)
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _chromium_page(sync_playwright, live_server):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page()
        page.set_default_timeout(15000)
        page.base_url = live_server.url
        try:
            yield page
        finally:
            browser.close()
