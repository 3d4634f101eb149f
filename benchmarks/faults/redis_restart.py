"""Fault run: Redis (the broker) is killed and restarted while changes produce webhook
events and emails; a webhook receiver listens on loopback and a real worker delivers.

Pass when the worker survives the outage and, after Redis returns, every webhook event
reached the receiver exactly once (by webhook-id) and every email was written exactly
once (by notification key). If the worker exits, the run says so (FAIL), starts a new one
as a process supervisor would, and still reports whether delivery was exactly once. Events
written during the outage sit in the outbox and go out with the next deliver_due_webhooks
run (kicked by the next commit, and every minute by beat). Notifications whose enqueue
failed wait for the periodic sweep, which re-queues only rows older than 10 minutes: the
run calls the sweep's own service (`notifications_retry`) on every unsent row instead of
waiting 10 minutes, including rows still queued, so a duplicate run would show.

Private Redis on a free port, own database on the shared PostgreSQL. Bounded: ~2 min.

    .venv/bin/python benchmarks/faults/redis_restart.py
"""

import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from common import PY, ROOT, PrivateRedis, Stack, log, main_guard, verdict, wait_until

sys.path.insert(0, str(ROOT))
from tests.webhook_receiver import Receiver  # noqa: E402

SHARED_PG = "postgres://postgres@127.0.0.1:5432"
PRODUCE_SECONDS = 30
KILL_AT = 8
DOWN_SECONDS = 8


def shell(stack: Stack, code: str) -> str:
    return subprocess.run(
        [PY, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=stack.env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def run() -> int:
    redis = stack = None
    try:
        redis = PrivateRedis(Path("/tmp"))
        redis.start()
        stack = Stack("redis", SHARED_PG, redis.url)
        stack.prepare()
        with Receiver() as receiver:
            shell(
                stack,
                "from gfmd.models import WebhookEndpoint\n"
                "from gfmd.platform.services.webhooks import new_secret\n"
                f"WebhookEndpoint.objects.create(url='{receiver.url}', "
                "event_types=['edition.changed'], secret=new_secret())\n",
            )
            worker = stack.start_worker(pool="prefork", concurrency=2, name="r")
            producer = subprocess.Popen(
                [PY, "benchmarks/faults/redis_producer.py", str(PRODUCE_SECONDS)],
                cwd=ROOT,
                env=stack.env,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
            time.sleep(KILL_AT)
            log("kill Redis (SIGKILL, nothing persisted)")
            redis.stop()
            time.sleep(DOWN_SECONDS)
            redis.start()
            log("Redis back on the same port")
            produced = producer.communicate(timeout=PRODUCE_SECONDS + 60)[0].strip()
            log(f"producer: {produced}")
            pending = stack.sql("SELECT count(*) FROM gfmd_notification WHERE status <> 'sent'")
            time.sleep(2)
            survived = worker.poll() is None
            crash = ""
            if not survived:
                log_text = next(stack.workdir.glob("worker-r.log")).read_text()
                crash = next(
                    (x.split("] ", 1)[1] for x in log_text.splitlines() if "CRITICAL" in x), "?"
                )
                log(f"the worker exited ({worker.returncode}): {crash}")
                log("starting a new worker, as a process supervisor would")
                worker = stack.start_worker(pool="prefork", concurrency=2, name="r2")
            log(f"unsent notifications after the run: {pending}; calling the sweep's service")
            shell(
                stack,
                "from gfmd.models import Notification\n"
                "from gfmd.platform.services.notifications import notifications_retry\n"
                "notifications_retry(notifications=list("
                "Notification.objects.exclude(status='sent').order_by('id')))\n"
                "from gfmd.platform.tasks import deliver_due_webhooks\n"
                "deliver_due_webhooks.delay()\n",
            )
            events = int(stack.sql("SELECT count(*) FROM gfmd_webhookevent"))
            notes = int(stack.sql("SELECT count(*) FROM gfmd_notification"))

            def mails() -> Counter:
                keys = Counter()
                for path in stack.mailbox.iterdir():
                    keys.update(
                        re.findall(r"^X-GFMD-Notification: (\S+)$", path.read_text(), flags=re.M)
                    )
                return keys

            began = time.monotonic()
            try:
                wait_until(
                    lambda: (
                        len({r["headers"].get("webhook-id") for r in receiver.requests}) >= events
                        and len(mails()) >= notes
                    ),
                    90,
                    0.5,
                    "everything delivered",
                )
            except TimeoutError as exc:
                log(f"{exc}; reporting what arrived (worker log: {stack.workdir})")
                os.environ["KEEP_FAULT_FILES"] = "1"
            drained = time.monotonic() - began
            time.sleep(3)  # late duplicates would arrive now
            hooks = Counter(r["headers"].get("webhook-id") for r in receiver.requests)
            keys = mails()
            undelivered = stack.sql(
                "SELECT count(*) FROM gfmd_webhookdelivery WHERE status <> 'delivered'"
            )
            unsent = stack.sql("SELECT count(*) FROM gfmd_notification WHERE status <> 'sent'")
            worker.send_signal(15)
            delivered_once = (
                events > 0
                and len(hooks) == events
                and max(hooks.values()) == 1
                and len(keys) == notes
                and max(keys.values()) == 1
                and undelivered == "0"
                and unsent == "0"
            )
            ok = delivered_once and survived
            return verdict(
                "Redis killed and restarted during webhook events and emails",
                ok,
                {
                    "broker down": f"{DOWN_SECONDS} s, from {KILL_AT} s into a "
                    f"{PRODUCE_SECONDS} s run",
                    "webhook events written": events,
                    "distinct events received": len(hooks),
                    "most deliveries of one event (must be 1)": max(hooks.values() or [0]),
                    "emails queued (notification rows)": notes,
                    "unsent right after the run (left for the sweep)": pending,
                    "distinct emails written": len(keys),
                    "most copies of one email (must be 1)": max(keys.values() or [0]),
                    "deliveries not delivered / notifications not sent": f"{undelivered} / "
                    f"{unsent}",
                    "time to drain after the sweep call": f"{drained:.1f}s",
                    "worker survived the outage": "yes"
                    if survived
                    else f"NO, it exited: {crash}; a new one was started",
                    "every event and email delivered exactly once": "yes"
                    if delivered_once
                    else "NO",
                },
            )
    finally:
        if stack:
            stack.close()
        if redis:
            redis.close()


if __name__ == "__main__":
    main_guard(run)(300)
