"""The registration scenarios of issue 11 against a running service (benchmarks/registration/run):

  nominations  1,500 nominations through the API by 150 partner clients in parallel
  review       the admin review queue with the 1,500 registrations (median of 7, < 300 ms)
  badges       badge sheets for the 1,500 participants by the Celery task, with its progress
  checkins     1,500 check-ins from 10 concurrent scanners, plus 150 re-scans of badges
               already scanned at another desk (p95 < 100 ms, 0 duplicates, 0 lost)

    python scenarios.py SEED.json http://127.0.0.1:8911 OUT.json [scenario ...]
Runs in-process with Django too (to approve the seeded nominations, start the batch and read
the badges' codes); the HTTP load uses plain threads and urllib.
"""

import base64
import json
import os
import secrets
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gfmd.config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402

from registration.enums import ParticipantState  # noqa: E402
from registration.models import (  # noqa: E402
    Badge,
    BatchState,
    CheckIn,
    Participant,
    Registration,
)
from registration.services.badges import badge_batch_start, badge_payload  # noqa: E402

PER_CLIENT = 10
SCANNERS = 10
RESCANS = 150


def request(url, *, data=None, headers=None, method=None):
    body = json.dumps(data).encode() if isinstance(data, dict) else data
    req = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=300) as response:
            status, content = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, content = exc.code, exc.read()
    except OSError as exc:  # refused or reset: counted as an error, never hidden
        status, content = 0, str(exc).encode()
    return status, (time.perf_counter() - start) * 1000, content


def pct(values, p):
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * p))], 1) if ordered else None


def summary(latencies):
    return {
        "requests": len(latencies),
        "median_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": pct(latencies, 0.95),
        "max_ms": round(max(latencies), 1) if latencies else None,
    }


def in_threads(work, count):
    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return round(time.perf_counter() - start, 1)


def token(base, client) -> str | None:
    basic = base64.b64encode(f"{client['id']}:{client['secret']}".encode()).decode()
    status, _ms, body = request(
        f"{base}/oauth/token/",
        data=b"grant_type=client_credentials",
        headers={"Authorization": f"Basic {basic}"},
    )
    return json.loads(body)["access_token"] if status == 200 else None


def nominations(info, base):
    # Each portal holds its token before the clock starts (a portal keeps its token for an
    # hour); getting 150 at once is the token endpoint's load, not the nominations'.
    tokens = [None] * len(info["clients"])

    def fetch(i):
        for lane in range(i, len(tokens), 10):
            tokens[lane] = token(base, info["clients"][lane])

    in_threads(fetch, 10)
    latencies, errors, lock = [], [], threading.Lock()

    def client(i):
        c = info["clients"][i]
        if tokens[i] is None:
            with lock:
                errors.append("no token")
            return
        for n in range(PER_CLIENT):
            payload = {
                "registration": info["registration"],
                "category": info["category"],
                "country": c["iso3"],
                "full_name": f"Delegate {n} of {c['iso3']}",
                "email": f"d{n}.{c['iso3'].lower()}@bench.invalid",
                "is_head_of_delegation": n == 0,
                "language": ("en-gb", "fr", "es")[n % 3],
                "submit": True,
            }
            status, ms, body = request(
                f"{base}/api/v1/participants/",
                data=payload,
                headers={
                    "Authorization": f"Bearer {tokens[i]}",
                    "Content-Type": "application/json",
                    "Idempotency-Key": f"bench-{c['iso3']}-{n}",
                },
            )
            with lock:
                latencies.append(ms)
                if status != 201:
                    errors.append(f"{status} {body[:200]!r}")

    seconds = in_threads(client, len(info["clients"]))
    return {
        **summary(latencies),
        "clients": len(info["clients"]),
        "clients_with_token": sum(t is not None for t in tokens),
        "wall_s": seconds,
        "errors": len(errors),
        "first_errors": errors[:3],
        "submitted": Participant.objects.filter(
            registration_id=info["registration"], state=ParticipantState.SUBMITTED
        ).count(),
    }


def review(info, base):
    cookie = {"Cookie": f"sessionid={info['sessions'][-1]}"}
    queue = f"{base}/admin/registration/participant/?registration__id__exact={info['registration']}"
    pages = {
        "queue of the meeting": queue,
        "missing credentials": f"{queue}&credentials=missing",
        "submitted, visa needed": f"{queue}&state__exact=submitted&visa_letter_needed__exact=0",
    }
    out = {}
    for name, url in pages.items():
        request(url, headers=cookie)  # warm-up
        times, statuses = [], set()
        for _ in range(7):
            status, ms, _body = request(url, headers=cookie)
            times.append(ms)
            statuses.add(status)
        out[name] = {
            "median_ms": round(statistics.median(times), 1),
            "max_ms": round(max(times), 1),
            "statuses": sorted(statuses),
        }
    return out


def approve_all(registration_id):
    """Seat everyone for the next scenarios (the approvals themselves are not measured)."""
    return Participant.objects.filter(
        registration_id=registration_id, state=ParticipantState.SUBMITTED
    ).update(state=ParticipantState.APPROVED, explanation="bench")


def badges(info, base):
    approved = approve_all(info["registration"])
    staff = get_user_model().objects.get(username="bench-staff")
    registration = Registration.objects.get(pk=info["registration"])
    start = time.perf_counter()
    with transaction.atomic():
        batch = badge_batch_start(actor=staff, registration=registration)
    progress = []
    while time.perf_counter() - start < 1800:
        batch.refresh_from_db()
        progress.append((round(time.perf_counter() - start, 1), batch.done, batch.total))
        if batch.state in (BatchState.DONE, BatchState.FAILED):
            break
        time.sleep(1)
    seconds = round(time.perf_counter() - start, 1)
    shown = sorted({(d, t): s for s, d, t in progress}.items(), key=lambda kv: kv[1])
    return {
        "approved_now": approved,
        "state": batch.state,
        "badges": batch.total,
        "seconds": seconds,
        "pdf_bytes": batch.file.size if batch.file else 0,
        "progress_samples": [f"{s}s: {d}/{t}" for (d, t), s in shown][:20],
        "error": batch.error,
    }


def checkins(info, base):
    badges = list(Badge.objects.filter(participant__registration_id=info["registration"]))
    if not badges:  # the badge scenario was not run: make the badges here
        approve_all(info["registration"])
        approved = Participant.objects.filter(
            registration_id=info["registration"], state=ParticipantState.APPROVED
        )
        Badge.objects.bulk_create([Badge(participant=p) for p in approved])
        badges = list(Badge.objects.filter(participant__registration_id=info["registration"]))
    codes = [badge_payload(b) for b in badges]
    lanes = [codes[i::SCANNERS] for i in range(SCANNERS)]
    # each desk also re-scans badges another desk scans (a delegate at two doors)
    extra = [lanes[(i + 1) % SCANNERS][: RESCANS // SCANNERS] for i in range(SCANNERS)]
    latencies, statuses, created, lock = [], {}, [0], threading.Lock()

    def scanner(i):
        csrf = secrets.token_hex(16)  # a 32-character secret; Django compares cookie and header
        headers = {
            "Cookie": f"sessionid={info['sessions'][i]}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
            "Content-Type": "application/json",
        }
        for code in lanes[i] + extra[i]:
            status, ms, _body = request(
                f"{base}/api/v1/check-ins/scan/", data={"code": code}, headers=headers
            )
            with lock:
                latencies.append(ms)
                statuses[status] = statuses.get(status, 0) + 1
                created[0] += status == 201

    seconds = in_threads(scanner, SCANNERS)
    rows = CheckIn.objects.filter(participant__registration_id=info["registration"])
    return {
        **summary(latencies),
        "scanners": SCANNERS,
        "badges": len(codes),
        "rescans": sum(len(e) for e in extra),
        "wall_s": seconds,
        "statuses": statuses,
        "created_responses": created[0],
        "check_in_rows": rows.count(),
        "distinct_participants": rows.values("participant_id").distinct().count(),
        "lost": len(codes) - rows.values("participant_id").distinct().count(),
        "duplicates": rows.count() - rows.values("participant_id").distinct().count(),
    }


SCENARIOS = {"nominations": nominations, "review": review, "badges": badges, "checkins": checkins}


def main():
    info = json.loads(Path(sys.argv[1]).read_text())
    base, out = sys.argv[2], Path(sys.argv[3])
    chosen = sys.argv[4:] or list(SCENARIOS)
    results = json.loads(out.read_text()) if out.exists() else {}
    for name in chosen:
        load = Path("/proc/loadavg").read_text().split()[:3]
        print(f"== {name} (load average {' '.join(load)})", flush=True)
        result = SCENARIOS[name](info, base)
        result["load_before"] = " ".join(load)
        result["load_after"] = " ".join(Path("/proc/loadavg").read_text().split()[:3])
        results[name] = result
        print(json.dumps(result, indent=1), flush=True)
        out.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
