"""Summarise scripts/fuzz's JSON reports per caller; exit 1 on any 5xx or response-schema
violation (the other checks' findings are listed, not fatal)."""

import json
import sys
from pathlib import Path

FATAL_CHECKS = {"not_a_server_error", "response_schema_conformance"}


def main(out: Path, callers: list[str]) -> int:
    fatal = 0
    print(f"{'caller':10} {'operations':>10} {'cases':>7} {'5xx':>5} {'schema':>7}  other findings")
    for caller in callers:
        report = json.loads((out / f"{caller}.json").read_text())
        counts: dict[str, int] = {}
        for group in report["failures"]:
            counts[group["code"]] = counts.get(group["code"], 0) + group["count"]
        server = counts.pop("not_a_server_error", 0)
        schema = counts.pop("response_schema_conformance", 0)
        fatal += server + schema
        other = ", ".join(f"{code} {n}" for code, n in sorted(counts.items())) or "none"
        errors = sum(e["count"] for e in report["errors"])
        print(
            f"{caller:10} {report['operations']['tested']:>10} "
            f"{report['test_cases']['generated']:>7} {server:>5} {schema:>7}  {other}"
            + (f"; {errors} errors" if errors else "")
        )
    return 1 if fatal else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2:]))
