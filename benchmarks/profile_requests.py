"""Where each benchmarked request spends its time: N requests in-process (Django's test
client, production settings, the seeded database) under cProfile, self time grouped by
layer, plus the plain wall time per request and the database time Django records.

    DATABASE_URL=... python benchmarks/profile_requests.py SEED.json [OUT.json]
"""

import cProfile
import json
import os
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gfmd.config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from endpoints import read_endpoints  # noqa: E402

N = 30
# First match wins: (label, substring of the function's file path).
LAYERS = [
    ("database I/O (psycopg)", "/psycopg/"),
    ("ORM: SQL compilation", "/django/db/models/sql/"),
    ("ORM: rows to model objects, prefetch", "/django/db/"),
    ("DRF serializers and fields", "/rest_framework/serializers.py"),
    ("DRF serializers and fields", "/rest_framework/fields.py"),
    ("DRF serializers and fields", "/rest_framework/relations.py"),
    ("DRF serializers and fields", "/rest_framework/utils/"),
    ("JSON rendering", "/rest_framework/renderers.py"),
    ("JSON rendering", "/json/"),
    ("DRF request, auth, permissions, pagination", "/rest_framework/"),
    ("filters (django-filter)", "/django_filters/"),
    ("OAuth2 toolkit", "/oauth2_provider/"),
    ("django-rules", "/site-packages/rules/"),
    ("Django middleware, sessions, URLs, other", "/django/"),
    ("other libraries", "/site-packages/"),
]
APP = str(ROOT) + "/"


def layer_of(filename: str) -> str:
    for label, needle in LAYERS:
        if needle in filename:
            return label
    if filename.startswith(APP) and "/.venv/" not in filename:
        return "app code (selectors, rules, views)"
    if filename == "~":
        return "C built-ins (getattr, isinstance, sockets...)"
    return "Python stdlib (copy, inspect, datetime...)"


class QueryTimer:
    """Round-trip time of every query, measured around the driver call (the debug cursor's
    own figure is rounded to milliseconds, so small queries would count as zero)."""

    def __init__(self):
        self.seconds, self.count = 0.0, 0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def profile(client, path: str) -> dict:
    for _ in range(3):
        assert client.get(path, HTTP_HOST="127.0.0.1").status_code == 200, path
    started = time.perf_counter()
    for _ in range(N):
        client.get(path, HTTP_HOST="127.0.0.1")
    wall = (time.perf_counter() - started) / N * 1000
    timer = QueryTimer()
    with connection.execute_wrapper(timer):
        for _ in range(N):
            client.get(path, HTTP_HOST="127.0.0.1")
    db = timer.seconds / N * 1000
    queries = timer.count // N
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(N):
        client.get(path, HTTP_HOST="127.0.0.1")
    profiler.disable()
    stats = pstats.Stats(profiler)
    buckets = defaultdict(float)
    total = 0.0
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():
        buckets[layer_of(filename)] += tottime
        total += tottime
    shares = {k: round(v / total * 100) for k, v in sorted(buckets.items(), key=lambda x: -x[1])}
    return {
        "wall_ms": round(wall, 1),
        "db_ms": round(db, 1),
        "queries": queries,
        "profile_share_pct": shares,
    }


def main() -> int:
    info = json.loads(Path(sys.argv[1]).read_text())
    client = Client()
    client.cookies["sessionid"] = info["staff_session"]
    report = {}
    print(f"\nIn-process profile, {N} requests each (ms/request, DB ms, top layers by self time)")
    for name, path in read_endpoints(info).items():
        result = profile(client, path)
        report[name] = result
        top = ", ".join(f"{k} {v}%" for k, v in list(result["profile_share_pct"].items())[:4])
        print(f"  {name:22s} {result['wall_ms']:6.1f} ms, DB {result['db_ms']:4.1f} ms: {top}")
    if len(sys.argv) > 2:
        Path(sys.argv[2]).write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
