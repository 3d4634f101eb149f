"""Fault run: a Celery worker killed with SIGKILL in the middle of a task.

The task is an email delivery (deliver_notification) through a backend that waits 3 s
before writing the message, so the kill lands mid-task, before anything is sent.

A. The pool process running the task is SIGKILLed (prefork pool, as the OOM killer would):
   the parent sees the loss, the message is rejected and requeued at once (acks_late +
   reject_on_worker_lost) and runs again. Pass: every email written exactly once, the
   killed one started twice, its row SENT with one recorded attempt.
B. The whole worker (solo pool) is SIGKILLed: nobody is left to requeue, so the message
   sits in Redis's unacked set until the visibility timeout. First a new worker with the
   production timeout (3600 s) runs for 20 s (expected: no redelivery yet, reported), then
   one with a 10 s timeout (fault-run wrapper): pass when the email is sent exactly once.

Private Redis on a free port, own database on the shared PostgreSQL. Bounded: ~2.5 min.

    .venv/bin/python benchmarks/faults/worker_sigkill.py
"""

import os
import re
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

from common import PY, ROOT, PrivateRedis, Stack, log, main_guard, verdict, wait_until

SHARED_PG = "postgres://postgres@127.0.0.1:5432"


def create_notifications(stack: Stack, prefix: str, count: int) -> None:
    code = (
        "from django.db import transaction\n"
        "from gfmd.platform.services.notifications import notify\n"
        "with transaction.atomic():\n"
        f"    for i in range({count}):\n"
        f"        notify(key=f'{prefix}:{{i}}', email=f'r{{i}}@example.org', "
        "subject='Fault run', body='Exactly once, please.')\n"
    )
    subprocess.run(
        [PY, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=stack.env,
        check=True,
        capture_output=True,
    )


def sent_keys(stack: Stack) -> Counter:
    keys = Counter()
    for path in stack.mailbox.iterdir():
        keys.update(re.findall(r"^X-GFMD-Notification: (\S+)$", path.read_text(), flags=re.M))
    return keys


def started(markers: Path) -> list[tuple[str, int]]:
    log_file = markers / "started.log"
    if not log_file.exists():
        return []
    return [(x.split()[0], int(x.split()[1])) for x in log_file.read_text().splitlines() if x]


def rows(stack: Stack, prefix: str) -> dict:
    out = stack.sql(
        "SELECT key || '|' || status || '|' || attempts FROM gfmd_notification "
        f"WHERE key LIKE '{prefix}:%' ORDER BY key"
    )
    return {line.split("|")[0]: line.split("|")[1:] for line in out.splitlines()}


def run() -> int:
    redis = stack = None
    try:
        redis = PrivateRedis(Path("/tmp"))
        redis.start()
        stack = Stack(
            "worker",
            SHARED_PG,
            redis.url,
            EMAIL_BACKEND="slowmail.SlowFileBackend",
            SLOWMAIL_SECONDS="3",
        )
        markers = stack.workdir / "markers"
        markers.mkdir()
        stack.env["SLOWMAIL_MARKERS"] = str(markers)
        stack.prepare()

        # --- A: the pool process is killed --------------------------------------------
        worker = stack.start_worker(pool="prefork", concurrency=1, name="a")
        create_notifications(stack, "fault-a", 3)
        first = wait_until(lambda: started(markers), 30, 0.05, "first send started")[0]
        child = int(first[1])
        time.sleep(0.5)
        log(f"A: SIGKILL pool process {child} while it sends {first[0]}")
        os.kill(child, signal.SIGKILL)
        wait_until(
            lambda: (
                all(v[0] == "sent" for v in rows(stack, "fault-a").values())
                and len(rows(stack, "fault-a")) == 3
            ),
            60,
            0.3,
            "A: all sent",
        )
        time.sleep(1)
        a_sent, a_rows = sent_keys(stack), rows(stack, "fault-a")
        a_started = Counter(k for k, _ in started(markers))
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=20)
        a_ok = (
            all(a_sent[k] == 1 for k in a_rows)
            and a_started[first[0]] == 2
            and a_rows[first[0]] == ["sent", "1"]
        )

        # --- B: the whole worker is killed --------------------------------------------
        (markers / "started.log").unlink()
        worker = stack.start_worker(pool="solo", name="b1")
        create_notifications(stack, "fault-b", 1)
        wait_until(lambda: started(markers), 30, 0.05, "B: send started")
        time.sleep(0.5)
        log(f"B: SIGKILL the whole worker {worker.pid} mid-task")
        worker.kill()
        worker.wait(timeout=10)
        worker = stack.start_worker(pool="solo", name="b2")
        log("B: new worker, production visibility timeout (3600 s): waiting 20 s")
        time.sleep(20)
        b_prod = rows(stack, "fault-b")["fault-b:0"]
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=20)
        stack.env["FAULT_VISIBILITY_TIMEOUT"] = "10"
        began = time.monotonic()
        worker = stack.start_worker(pool="solo", name="b3", wrapper="celery_vt.py")
        log("B: new worker with a 10 s visibility timeout")
        wait_until(lambda: rows(stack, "fault-b")["fault-b:0"][0] == "sent", 90, 0.5, "B: sent")
        b_after = time.monotonic() - began
        time.sleep(1)
        b_sent, b_row = sent_keys(stack), rows(stack, "fault-b")["fault-b:0"]
        b_ok = b_sent["fault-b:0"] == 1 and b_row == ["sent", "1"]

        return verdict(
            "worker SIGKILL mid-task: redelivered, effect once",
            a_ok and b_ok,
            {
                "A pool process killed: emails per key": dict(sorted(a_sent.items())),
                "A starts of the killed send (2 = redelivered)": a_started[first[0]],
                "A rows (status, attempts)": a_rows,
                "B whole worker killed, 20 s later with visibility 3600 s": b_prod,
                "B sent after a worker with 10 s visibility started": f"{b_after:.1f}s",
                "B emails for the key (must be 1)": b_sent["fault-b:0"],
                "B row (status, attempts)": b_row,
            },
        )
    finally:
        if stack:
            stack.close()
        if redis:
            redis.close()


if __name__ == "__main__":
    main_guard(run)(300)
