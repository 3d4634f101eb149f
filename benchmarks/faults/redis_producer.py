"""Producer for the Redis fault run (run with the stack's environment): for SECONDS, ten
times a second, one transaction that changes an edition (a webhook event) and queues one
email (a notification). Prints how many it made and how many enqueues failed."""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gfmd.config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402

from gfmd.models import Edition  # noqa: E402
from gfmd.platform.services.notifications import notify  # noqa: E402
from gfmd.services.editions import edition_save  # noqa: E402


def main(seconds: float) -> None:
    staff = get_user_model().objects.get(username="bench-staff")
    edition = Edition.objects.order_by("-ordinal").first()
    started, n = time.monotonic(), 0
    while time.monotonic() - started < seconds:
        with transaction.atomic():
            edition.theme = f"Theme revision {n}"
            edition_save(actor=staff, edition=edition)
            notify(
                key=f"fault-redis:{n}",
                email=f"recipient{n}@example.org",
                subject=f"Fault run {n}",
                body="Delivered exactly once after Redis returns.",
            )
        n += 1
        time.sleep(0.1)
    print(f"produced {n}")


if __name__ == "__main__":
    main(float(sys.argv[1]))
