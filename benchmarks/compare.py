"""Check that the baseline answers the same JSON as the service for every read it serves.

    python benchmarks/compare.py SEED.json SERVICE_URL BASELINE_URL
Exit status 1 on any difference (the first differing key is printed).
"""

import json
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from endpoints import BASELINE_ENDPOINTS, read_endpoints  # noqa: E402


def fetch(base: str, path: str, cookie: str):
    request = urllib.request.Request(base + path, headers={"Cookie": f"sessionid={cookie}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def first_difference(a, b, where="$"):
    if type(a) is not type(b):
        return f"{where}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{where}.{key}: missing on one side"
            found = first_difference(a[key], b[key], f"{where}.{key}")
            if found:
                return found
    elif isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            found = first_difference(x, y, f"{where}[{i}]")
            if found:
                return found
    elif a != b:
        return f"{where}: {a!r} != {b!r}"
    return None


def main() -> int:
    info = json.loads(Path(sys.argv[1]).read_text())
    service, baseline = sys.argv[2], sys.argv[3]
    failed = 0
    for name, path in read_endpoints(info).items():
        if name not in BASELINE_ENDPOINTS:
            continue
        a = fetch(service, path, info["staff_session"])
        b = fetch(baseline, path, info["staff_session"])
        if "next" in a and isinstance(a["next"], str):  # absolute URLs name each server
            a["next"] = a["next"].split("/api/", 1)[1]
            b["next"] = (b["next"] or "").split("/api/", 1)[-1]
        diff = first_difference(a, b)
        print(f"  same JSON  {name:22s} {'yes' if diff is None else 'NO: ' + diff}")
        failed += diff is not None
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
