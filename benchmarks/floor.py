"""The cost ladder: CPU per request for each layer every API request pays before its own
work, next to the benchmarked reads. Calls the WSGI application in-process (no HTTP, no
load generator), production settings, the seeded database, the staff session cookie.
With CACHE_URL set (as in `benchmarks/run`) the user comes from Redis
(gfmd/platform/security/auth_cache.py) and the throttle is one round trip; BENCH_AUTH="Bearer ..."
adds the partner client's token to the ladder. The last rungs are conditional GETs with
the ETag of a first GET: a 304 answered from Redis (gfmd/platform/api/conditional.py).

    DATABASE_URL=... CACHE_URL=... python benchmarks/floor.py SEED.json [OUT.json]
"""

import io
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gfmd.config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from endpoints import read_endpoints  # noqa: E402

N = 300
LADDER = [
    ("Django, middleware only (no session read)", "/floor/bare/"),
    ("+ session and user (request.user)", "/floor/session-user/"),
    ("+ DRF view: authentication, permission", "/floor/drf/"),
    ("+ throttling (one Redis round trip)", "/floor/drf-throttled/"),
    ("API list of one country (count + page)", "/api/v1/countries/?page_size=1"),
]


def measure(app, cookie: str, url: str, auth: str = "", conditional: bool = False) -> dict:
    path, _, query = url.partition("?")
    headers = {"HTTP_AUTHORIZATION": auth} if auth else {"HTTP_COOKIE": f"sessionid={cookie}"}
    expected = "200"

    def call():
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_ACCEPT": "application/json",
            **headers,
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.url_scheme": "http",
        }
        status = []
        body = b"".join(app(environ, lambda s, h, e=None: status.append((s, dict(h)))))
        assert status[0][0].startswith(expected), (url, status[0][0], body[:200])
        return status[0][1]

    if conditional:
        headers["HTTP_IF_NONE_MATCH"] = call()["ETag"]
        expected = "304"
    for _ in range(30):
        call()
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(N):
        call()
    return {
        "cpu_ms": round((time.process_time() - cpu) * 1000 / N, 2),
        "wall_ms": round((time.perf_counter() - wall) * 1000 / N, 2),
    }


def main() -> int:
    info = json.loads(Path(sys.argv[1]).read_text())
    settings.ROOT_URLCONF = "floor_urls"  # read per request by Django's handler
    app = get_wsgi_application()
    reads = read_endpoints(info)
    rows = [(name, url, {}) for name, url in LADDER]
    bearer = os.environ.get("BENCH_AUTH", "")
    if bearer:
        rows.append(("same list, partner client's bearer token", LADDER[-1][1], {"auth": bearer}))
    rows += [(name, url, {}) for name, url in reads.items()]
    rows += [
        (f"{name}, 304 (If-None-Match)", reads[name], {"conditional": True})
        for name in ("sessions_of_edition", "session_detail")
    ]
    report = {}
    print(f"\nCost ladder, in-process, {N} requests each (CPU ms/request, wall ms/request)")
    for name, url, options in rows:
        report[name] = {"path": url, **measure(app, info["staff_session"], url, **options)}
        print(f"  {name:44s} {report[name]['cpu_ms']:6.2f} {report[name]['wall_ms']:6.2f}")
    if len(sys.argv) > 2:
        Path(sys.argv[2]).write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
