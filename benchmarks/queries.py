"""Print the SQL each benchmarked request runs (and check the count is fixed whatever the
volume): the same requests as the load run, through Django's test client, against the
database at DATABASE_URL.

    DATABASE_URL=... python benchmarks/queries.py var/bench/seed.json [out.json]
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gfmd.config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from endpoints import VOLUME_VARIANTS, read_endpoints  # noqa: E402


def capture(client, path):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, HTTP_HOST="127.0.0.1")
    return response, [q["sql"] for q in ctx.captured_queries]


def main():
    info = json.loads(Path(sys.argv[1]).read_text())
    only = set(filter(None, os.environ.get("BENCH_ONLY", "").split(",")))
    client = Client()
    client.cookies["sessionid"] = info["staff_session"]
    report = {}
    # The session's first request reads it from the database and fills the cache
    # (cached_db sessions); what is counted is every later request.
    client.get("/api/v1/editions/", HTTP_HOST="127.0.0.1")
    for name, path in read_endpoints(info).items():
        if only and name not in only:
            continue
        if name in VOLUME_VARIANTS:  # its first call fills the content-type cache
            client.get(path, HTTP_HOST="127.0.0.1")
        response, queries = capture(client, path)
        assert response.status_code == 200, (name, response.status_code, response.content[:300])
        fixed = None
        if "?" in path:  # a list: the count must not grow with the rows on the page
            counts = {len(queries)}
            variants = VOLUME_VARIANTS.get(name) or [f"{path}&page_size={n}" for n in (1, 200)]
            for variant in variants:
                other, more = capture(client, variant)
                assert other.status_code == 200, (name, variant, other.status_code)
                counts.add(len(more))
            fixed = len(counts) == 1
        report[name] = {"path": path, "queries": len(queries), "fixed": fixed, "sql": queries}
        sizes = (
            ""
            if fixed is None
            else f" ({'same' if fixed else 'DIFFERENT'} at other page sizes, pages or queries)"
        )
        print(f"\n## {name}: {path} -> {len(queries)} queries{sizes}")
        for sql in queries:
            print("  ", sql[:400])
    if len(sys.argv) > 2:
        Path(sys.argv[2]).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
