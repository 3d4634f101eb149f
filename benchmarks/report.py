"""Turn one benchmark run's raw figures into the tables (stdout) and results files.

    python benchmarks/report.py SCRATCH RESULTS SEED_SECONDS CONNECTIONS DURATION WORKERS
Writes RESULTS/latest.json (everything) and RESULTS/latest.md (the tables).
"""

import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

# Issue 14's targets: p95 under 50 ms for every read, under 100 ms for the two writes.
READ_P95_TARGET_MS = 50
WRITE_P95_TARGET_MS = 100
WRITES = {"submit_input", "record_decision"}
RATIO_TARGET = 0.5
LIST_ENDPOINTS = {"sessions_of_edition", "inputs_by_decision", "csd_applications"}


def p95_target(endpoint: str) -> int:
    return WRITE_P95_TARGET_MS if endpoint in WRITES else READ_P95_TARGET_MS


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kib = int(
        next(
            x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")
        ).split()[1]
    )
    pg = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version", "postgres"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(mem_kib / 1024 / 1024, 1),
        "load_average_at_start": os.environ.get("BENCH_LOAD_START", "").split(),
        "load_average_at_end": Path("/proc/loadavg").read_text().split()[:3],
        "python": platform.python_version(),
        "postgresql": pg,
    }


def main() -> int:
    scratch, results = Path(sys.argv[1]), Path(sys.argv[2])
    seed_seconds, connections, duration, workers = sys.argv[3:7]
    loads = [json.loads(x) for x in (scratch / "loads.jsonl").read_text().splitlines() if x]
    queries = json.loads((scratch / "queries.json").read_text())
    admin = json.loads((scratch / "admin.json").read_text())
    by = {(x["endpoint"], x["target"]): x["result"] for x in loads}
    rows = []
    for endpoint in dict.fromkeys(x["endpoint"] for x in loads):
        service = by[(endpoint, "service")]
        baseline = by.get((endpoint, "baseline"))
        ratio = service["rps"] / baseline["rps"] if baseline else None
        row = {
            "endpoint": endpoint,
            "queries": queries.get(endpoint, {}).get("queries"),
            "queries_fixed": queries.get(endpoint, {}).get("fixed"),
            "service": service,
            "baseline": baseline,
            "ratio": round(ratio, 2) if ratio is not None else None,
            "p95_target_ms": p95_target(endpoint),
            "p95_ok": service["p95_ms"] < p95_target(endpoint),
            "ratio_ok": None if ratio is None else ratio >= RATIO_TARGET,
            "errors": service["non_2xx"] + service["socket_errors"],
        }
        rows.append(row)

    def fmt(r):
        cpu = r.get("cpu_ms_per_request")
        return (
            f"{r['rps']:7.1f} {r['p50_ms']:7.1f} {r['p95_ms']:7.1f} {r['p99_ms']:7.1f} "
            f"{cpu if cpu is not None else '-':>6}"
        )

    header = (
        f"{'endpoint':22s} {'q':>3s} | {'svc rps':>7s} {'p50':>7s} {'p95':>7s} {'p99':>7s} "
        f"{'cpu':>6s} | {'raw rps':>7s} {'p50':>7s} {'p95':>7s} {'p99':>7s} {'cpu':>6s} | "
        f"{'ratio':>5s} errors"
    )
    print(
        f"\nRequests/s, latency (ms) and gunicorn CPU ms per request, {connections} "
        f"connections, {duration}s each"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        raw = (
            fmt(row["baseline"])
            if row["baseline"]
            else f"{'n/a':>7s} {'':7s} {'':7s} {'':7s} {'':6s}"
        )
        ratio = f"{row['ratio']:5.2f}" if row["ratio"] is not None else "  n/a"
        print(
            f"{row['endpoint']:22s} {row['queries'] or '-':>3} | {fmt(row['service'])} | {raw} | "
            f"{ratio} {row['errors']}"
        )

    md = [
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; seeding {float(seed_seconds):.1f} s; "
        f"wrk {connections} connections, 2 threads, {duration} s per endpoint; gunicorn "
        f"{workers} sync workers for both.",
        "",
        "| endpoint | queries | service rps | p50 ms | p95 ms | p99 ms | CPU ms/req | baseline rps"
        " | p50 ms | p95 ms | p99 ms | CPU ms/req | service/baseline rps | non-2xx |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        s, b = row["service"], row["baseline"]
        braw = (
            f"{b['rps']:.0f} | {b['p50_ms']:.1f} | {b['p95_ms']:.1f} | {b['p99_ms']:.1f} | "
            f"{b.get('cpu_ms_per_request', '-')}"
            if b
            else "n/a | | | |"
        )
        md.append(
            f"| {row['endpoint']} | {row['queries'] or '-'} | {s['rps']:.0f} | {s['p50_ms']:.1f} | "
            f"{s['p95_ms']:.1f} | {s['p99_ms']:.1f} | {s.get('cpu_ms_per_request', '-')} | "
            f"{braw} | "
            f"{'n/a' if row['ratio'] is None else format(row['ratio'], '.2f')} | {row['errors']} |"
        )
    md += [
        "",
        "| admin page | status | median ms | max ms | KiB | < 300 ms |",
        "|---|---:|---:|---:|---:|---|",
    ]
    md += [
        f"| {a['page']} | {a['status']} | {a['median_ms']} | {a['max_ms']} | {a['kib']} | "
        f"{'yes' if a['meets_target'] else 'NO'} |"
        for a in admin
    ]
    profile_file = scratch / "profile.json"
    profile = json.loads(profile_file.read_text()) if profile_file.exists() else {}
    if profile:
        md += [
            "",
            "| endpoint (in-process, one at a time) | ms/request | DB ms | queries | top layers by"
            " self time |",
            "|---|---:|---:|---:|---|",
        ]
        for name, p in profile.items():
            top = ", ".join(f"{k} {v}%" for k, v in list(p["profile_share_pct"].items())[:4])
            md.append(f"| {name} | {p['wall_ms']} | {p['db_ms']} | {p['queries']} | {top} |")
    floor_file = scratch / "floor.json"
    floor = json.loads(floor_file.read_text()) if floor_file.exists() else {}
    if floor:
        md += [
            "",
            "| request path, in-process | CPU ms/request | wall ms/request |",
            "|---|---:|---:|",
        ]
        md += [f"| {name} | {f['cpu_ms']} | {f['wall_ms']} |" for name, f in floor.items()]
    results.mkdir(parents=True, exist_ok=True)
    info = machine()
    md += [
        "",
        f"Machine: {info['cores']} cores, {info['cpu']}, {info['memory_gib']} GiB; load average "
        f"(1/5/15 min) at the start {' '.join(info['load_average_at_start'])}, at the end "
        f"{' '.join(info['load_average_at_end'])}; PostgreSQL {info['postgresql']}, "
        f"Python {info['python']}.",
    ]
    (results / "latest.md").write_text("\n".join(md) + "\n")
    (results / "latest.json").write_text(
        json.dumps(
            {
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": info,
                "seed_seconds": float(seed_seconds),
                "connections": int(connections),
                "duration_s": int(duration),
                "gunicorn_workers": int(workers),
                "endpoints": rows,
                "admin": admin,
                "profile": profile,
                "floor": floor,
                "queries": {k: v["queries"] for k, v in queries.items()},
            },
            indent=1,
        )
    )
    print("\nTargets:")
    for row in rows:
        checks = [f"p95 {'<' if row['p95_ok'] else '>='} {row['p95_target_ms']} ms"]
        if row["endpoint"] in LIST_ENDPOINTS:
            checks.append(
                f"ratio {row['ratio']:.2f} {'>=' if row['ratio_ok'] else '<'} {RATIO_TARGET}"
            )
        if row["queries_fixed"] is not None:
            checks.append("query count fixed" if row["queries_fixed"] else "QUERY COUNT GROWS")
        ratio_ok = row["ratio_ok"] is not False or row["endpoint"] not in LIST_ENDPOINTS
        ok = row["p95_ok"] and ratio_ok and row["queries_fixed"] is not False
        print(f"  {'PASS' if ok else 'MISS'} {row['endpoint']:22s} {', '.join(checks)}")
    slow = [a for a in admin if not a["meets_target"]]
    print(
        f"  {'PASS' if not slow else 'MISS'} admin pages < 300 ms ({len(admin) - len(slow)}/"
        f"{len(admin)})"
    )
    print(
        f"  {'PASS' if float(seed_seconds) < 120 else 'MISS'} seeding {float(seed_seconds):.1f}s"
        " < 120 s"
    )
    print(f"\nWritten: {results / 'latest.md'}, {results / 'latest.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
