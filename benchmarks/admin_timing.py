"""Time the admin changelists and the review screens over HTTP with a logged-in staff
session against the running service (full volume). Target: under 300 ms each.

    python benchmarks/admin_timing.py SEED.json http://127.0.0.1:8901 [OUT.json]
Each page: one warm-up request, then ROUNDS timed sequential requests; median and max.
"""

import json
import os
import statistics
import sys
import time
import urllib.request
from pathlib import Path

ROUNDS = 7
TARGET_MS = 300


def pages(info: dict) -> dict[str, str]:
    return {
        # the admin index: the cycle dashboard of the last (busiest) edition (issue 15)
        "cycle dashboard": f"/admin/?edition={info['edition']}",
        "edition changelist": "/admin/gfmd/edition/",
        "meeting changelist": "/admin/gfmd/meeting/",
        "attendance changelist": "/admin/gfmd/attendance/",
        "focal point changelist": "/admin/gfmd/focalpoint/",
        "organisation changelist": "/admin/gfmd/organisation/",
        "session changelist": "/admin/roundtables/session/",
        "working paper changelist": "/admin/roundtables/workingpaper/",
        "input changelist": "/admin/roundtables/input/",
        "CSO changelist": "/admin/civil_society/civilsocietyorganisation/",
        "application changelist": "/admin/civil_society/application/",
        "review changelist": "/admin/civil_society/review/",
        "delegate changelist": "/admin/civil_society/delegate/",
        "CSD review screen (500 applications)": (
            f"/admin/civil_society/csdedition/{info['csd_edition']}/review/"
        ),
        "CSD selection report": f"/admin/civil_society/csdedition/{info['csd_edition']}/report/",
        "application score screen": (
            f"/admin/civil_society/application/{info['application']}/score/"
        ),
        "input change form": f"/admin/roundtables/input/{info['decide_inputs'][0]}/change/",
    }


def timed_get(url: str, cookie: str) -> tuple[int, float, int]:
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={cookie}"})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        body, status = exc.read(), exc.code
    return status, (time.perf_counter() - start) * 1000, len(body)


def main() -> int:
    info = json.loads(Path(sys.argv[1]).read_text())
    base = sys.argv[2]
    rows = []
    print(f"\nAdmin pages, staff session, sequential, median of {ROUNDS} (target < {TARGET_MS} ms)")
    print(f"  {'page':40s} {'status':>6s} {'median ms':>10s} {'max ms':>8s} {'KiB':>6s}  ok")
    only = set(filter(None, os.environ.get("BENCH_ONLY", "").split(",")))
    for name, path in pages(info).items():
        if only and name not in only:
            continue
        timed_get(base + path, info["staff_session"])  # warm-up
        samples, status, size = [], 0, 0
        for _ in range(ROUNDS):
            status, ms, size = timed_get(base + path, info["staff_session"])
            samples.append(ms)
        median = statistics.median(samples)
        ok = status == 200 and median < TARGET_MS
        rows.append(
            {
                "page": name,
                "path": path,
                "status": status,
                "median_ms": round(median, 1),
                "max_ms": round(max(samples), 1),
                "kib": round(size / 1024, 1),
                "meets_target": ok,
            }
        )
        print(
            f"  {name:40s} {status:6d} {median:10.1f} {max(samples):8.1f} {size / 1024:6.0f}"
            f"  {'yes' if ok else 'NO'}"
        )
    if len(sys.argv) > 3:
        Path(sys.argv[3]).write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
