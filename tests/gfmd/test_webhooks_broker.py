"""Webhooks survive a broker outage: events wait in the outbox and go out once it returns."""

import socket
import subprocess
import time

import pytest
from django.db import transaction

from gfmd.config.celery import app
from gfmd.models import Edition
from gfmd.platform.enums import WebhookDeliveryStatus as Status
from gfmd.platform.models import WebhookDelivery, WebhookEndpoint
from gfmd.platform.services.webhooks import webhook_endpoint_save
from gfmd.services.editions import edition_save
from tests.conftest import _reset_broker_pools, running_celery_worker, wait_for
from tests.factories import StaffFactory, country
from tests.webhook_receiver import Receiver

pytestmark = [pytest.mark.slow]


class PrivateRedis:
    """A redis-server of the test's own on a free loopback port, to stop and restart."""

    def __init__(self, workdir):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.workdir = workdir
        self.process = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for(lambda: self._answers(), timeout=10, interval=0.1)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        wait_for(lambda: not self._answers(), timeout=10, interval=0.1)

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False


@pytest.fixture
def private_redis(tmp_path):
    redis = PrivateRedis(tmp_path)
    redis.start()
    yield redis
    if redis.process and redis.process.poll() is None:
        redis.process.terminate()
        redis.process.wait(timeout=10)


def test_events_emitted_while_broker_is_down_are_delivered_once_after_restart(
    transactional_db, tmp_path, private_redis, settings
):
    settings.WEBHOOKS_ALLOW_HTTP = True
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    staff = StaffFactory()
    with Receiver() as receiver, running_celery_worker(tmp_path, private_redis.url):
        webhook_endpoint_save(
            actor=staff, endpoint=WebhookEndpoint(url=receiver.url, event_types=["edition.changed"])
        )
        private_redis.stop()

        for ordinal in (1, 2, 3):
            started = time.monotonic()
            with transaction.atomic():  # commits; the on-commit send fails quietly
                edition_save(
                    actor=staff,
                    edition=Edition(
                        ordinal=ordinal, year_start=2006 + ordinal, title=f"GFMD {ordinal}"
                    ),
                    chairs=[country("BEL")],
                )
            assert time.monotonic() - started < 10  # the request is not held up
        assert WebhookDelivery.objects.filter(status=Status.PENDING).count() == 3
        assert receiver.requests == []

        private_redis.start()
        _reset_broker_pools(app)
        # what beat does every minute: one sweep sends the whole backlog
        app.tasks["gfmd.deliver_due_webhooks"].delay()

        wait_for(
            lambda: WebhookDelivery.objects.filter(status=Status.DELIVERED).count() == 3, timeout=60
        )
        time.sleep(1)  # any duplicate would arrive now
        ids = [r["headers"]["webhook-id"] for r in receiver.requests]
        assert len(ids) == 3 and len(set(ids)) == 3
