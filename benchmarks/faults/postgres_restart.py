"""Fault run: PostgreSQL crashes (stop -m immediate) and comes back during a write load.

Pass when: while it is down the service answers 503 (never another 5xx); it recovers with
no restart (same gunicorn master, no worker re-spawned) and the last 10 s are all 2xx; every
write that got a 2xx is in the database afterwards. Runs on a private PostgreSQL cluster
on a free port, so the shared server is never touched. Bounded: about 90 s.

    .venv/bin/python benchmarks/faults/postgres_restart.py
"""

import random
import threading
import time
from collections import Counter
from pathlib import Path

from common import PrivatePostgres, PrivateRedis, Stack, log, main_guard, post_json, verdict

LOAD_SECONDS = 40
CRASH_AT = 10
DOWN_SECONDS = 6
THREADS = 8


def run() -> int:
    pg = redis = stack = None
    try:
        workdir = Path(__import__("tempfile").mkdtemp(prefix="gfmd-fault-pgcluster-"))
        pg = PrivatePostgres(workdir)
        log(f"private PostgreSQL cluster on :{pg.port}")
        pg.init()
        redis = PrivateRedis(workdir)
        redis.start()
        stack = Stack("pg", pg.url, redis.url)
        stack.prepare()
        stack.start_service()
        master = stack.processes[0].pid
        token = stack.token()
        papers = stack.info["consultation_papers"]
        results, lock = [], threading.Lock()
        started = time.monotonic()

        def writer(n: int):
            k = 0
            while time.monotonic() - started < LOAD_SECONDS:
                k += 1
                marker = f"fault-pg-{n}-{k}"
                t0 = time.monotonic() - started
                status, body = post_json(
                    stack.url(f"/api/v1/papers/{random.choice(papers)}/inputs/"),
                    {"text": marker, "evidence": ""},
                    token,
                )
                with lock:
                    results.append((t0, status, body.get("id"), marker, body.get("type")))
                if status != 201:
                    time.sleep(0.05)

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
        for t in threads:
            t.start()
        time.sleep(CRASH_AT)
        log("crash PostgreSQL (pg_ctl stop -m immediate)")
        down_at = time.monotonic() - started
        pg.stop("immediate")
        time.sleep(DOWN_SECONDS)
        pg.start()
        up_at = time.monotonic() - started
        log(f"PostgreSQL back after {up_at - down_at:.1f} s")
        for t in threads:
            t.join()

        statuses = Counter(r[1] for r in results)
        during = Counter(r[1] for r in results if down_at <= r[0] <= up_at)
        last = [r for r in results if r[0] >= LOAD_SECONDS - 10]
        back = min((r[0] for r in results if r[0] >= up_at and r[1] == 201), default=None)
        acknowledged = {r[2]: r[3] for r in results if r[1] == 201}
        stored = dict(
            line.split("|", 1)
            for line in stack.sql(
                "SELECT id || '|' || text FROM roundtables_input WHERE text LIKE 'fault-pg-%'"
            ).splitlines()
        )
        missing = [pk for pk, marker in acknowledged.items() if stored.get(str(pk)) != marker]
        other_5xx = sum(n for s, n in statuses.items() if s and s >= 500 and s != 503)
        service_log = (stack.workdir / "service.log").read_text()
        respawned = service_log.count("Booting worker") - 5
        ok = (
            during.get(503, 0) > 0
            and other_5xx == 0
            and statuses.get(None, 0) == 0
            and all(r[1] == 201 for r in last)
            and not missing
            and stack.processes[0].poll() is None
            and stack.processes[0].pid == master
            and respawned == 0
        )
        return verdict(
            "PostgreSQL crash and restart during writes",
            ok,
            {
                "requests": len(results),
                "responses by status": dict(sorted(statuses.items(), key=lambda x: str(x[0]))),
                "while down": dict(during),
                "database down": f"{down_at:.1f}s -> {up_at:.1f}s",
                "first 2xx after it came back": "none" if back is None else f"+{back - up_at:.1f}s",
                "other 5xx (must be 0)": other_5xx,
                "connection errors (must be 0)": statuses.get(None, 0),
                "last 10 s all 2xx": f"{sum(r[1] == 201 for r in last)}/{len(last)}",
                "2xx writes": len(acknowledged),
                "2xx writes missing from the database (must be 0)": len(missing),
                "rows written in all (2xx or not)": len(stored),
                "gunicorn master unchanged, workers re-spawned": f"{master}, {respawned}",
            },
        )
    finally:
        if stack:
            stack.close()
        if redis:
            redis.close()
        if pg:
            pg.close()


if __name__ == "__main__":
    main_guard(run)(240)
