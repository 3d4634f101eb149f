"""The cycle dashboard's SQL at the full bench volume: the busiest edition and the second
one (few rows, one edition of balance history) must cost the same number of queries (the
test counts them on small data). A panel's shape may add one: an edition followed by one
with no confirmed chair reads that edition's candidates.

    DATABASE_URL=... python benchmarks/dashboard_queries.py var/bench-cockpit/seed.json
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

from gfmd.models import Edition  # noqa: E402


def main():
    info = json.loads(Path(sys.argv[1]).read_text())
    client = Client()
    client.cookies["sessionid"] = info["staff_session"]
    # the second edition: like the busiest, it has a previous one (the troika reads it)
    early = Edition.objects.order_by("ordinal").values_list("pk", flat=True)[1]
    counts = {}
    for label, edition in (("busiest edition", info["edition"]), ("second edition", early)):
        path = f"/admin/?edition={edition}"
        client.get(path, HTTP_HOST="127.0.0.1")  # warm: the session, content types
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, (path, response.status_code)
        panels = response.content.decode().count("data-panel=")
        counts[label] = (len(ctx.captured_queries), panels)
    # same panels drawn, same cost; a panel with nothing to show returns after one query
    same = len({panels for _, panels in counts.values()}) == 1
    fixed = len(set(counts.values())) == 1
    print(
        "   cycle dashboard: "
        + ", ".join(f"{n} queries, {p} panels ({label})" for label, (n, p) in counts.items())
        + (" - fixed" if fixed else " - DIFFERENT" if same else "")
    )


if __name__ == "__main__":
    main()
