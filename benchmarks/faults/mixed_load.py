"""Fault run: 60 s of mixed read/write load (wrk, 16 connections, one partner client's
bearer token) against the service with a real worker behind it. Pass: zero 5xx and no
socket errors (4xx are reported; there should be none either). Private Redis, own
database on the shared PostgreSQL. Bounded: ~2 min.

    .venv/bin/python benchmarks/faults/mixed_load.py
"""

import json
import subprocess
import sys
from pathlib import Path

from common import FAULTS, PrivateRedis, Stack, log, main_guard, verdict

sys.path.insert(0, str(FAULTS.parent))
from endpoints import read_endpoints  # noqa: E402

SHARED_PG = "postgres://postgres@127.0.0.1:5432"
SECONDS = 60


def run() -> int:
    redis = stack = None
    try:
        redis = PrivateRedis(Path("/tmp"))
        redis.start()
        stack = Stack("mixed", SHARED_PG, redis.url)
        stack.prepare()
        stack.start_service()
        stack.start_worker(pool="prefork", concurrency=1, name="m")
        info = stack.info
        env = {
            "BENCH_AUTH": f"Bearer {stack.token()}",
            # A government's client may not read CSD applications (403): left out.
            "BENCH_READS": ",".join(
                p for n, p in read_endpoints(info).items() if n != "csd_applications"
            ),
            "BENCH_PAPERS": ",".join(map(str, info["consultation_papers"])),
            "BENCH_INPUTS": ",".join(map(str, info["decide_inputs"])),
        }
        log(f"wrk: {SECONDS} s, 16 connections, 70 % reads / 30 % writes")
        out = subprocess.run(
            [
                "wrk",
                "-t2",
                "-c16",
                f"-d{SECONDS}s",
                "--timeout",
                "15s",
                "-s",
                str(FAULTS / "mixed.lua"),
                stack.url(""),
            ],
            env={**stack.env, **env},
            capture_output=True,
            text=True,
            timeout=SECONDS + 60,
        ).stdout
        result = json.loads(next(line for line in out.splitlines() if line.startswith("{")))
        ok = result["5xx"] == 0 and result["socket_errors"] == 0 and result["requests"] > 0
        return verdict("60 s mixed read/write load: zero 5xx", ok, result)
    finally:
        if stack:
            stack.close()
        if redis:
            redis.close()


if __name__ == "__main__":
    main_guard(run)(240)
