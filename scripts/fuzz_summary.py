"""Summarise scripts/fuzz's JSON reports per caller; exit 1 on any 5xx or response-schema
violation (the other checks' findings are listed, not fatal)."""

import json
import sys
from pathlib import Path

SERVER_ERRORS = {"ST101", "ST102"}  # not_a_server_error (any 5xx)
SCHEMA_VIOLATIONS = {"ST108"}  # response_schema_conformance


def main(out: Path, callers: list[str]) -> int:
    fatal = 0
    print(f"{'caller':10} {'operations':>10} {'cases':>7} {'5xx':>5} {'schema':>7}  other findings")
    for caller in callers:
        report = json.loads((out / f"{caller}.json").read_text())
        server = schema = 0
        other = []
        for group in report["failures"]:
            if group["code"] in SERVER_ERRORS:
                server += group["count"]
            elif group["code"] in SCHEMA_VIOLATIONS:
                schema += group["count"]
            else:
                other.append(f"{group['code']} {group['title']}: {group['count']}")
        fatal += server + schema
        other = "; ".join(other) or "none"
        errors = sum(e["count"] for e in report["errors"])
        print(
            f"{caller:10} {report['operations']['tested']:>10} "
            f"{report['test_cases']['generated']:>7} {server:>5} {schema:>7}  {other}"
            + (f"; {errors} errors" if errors else "")
        )
    return 1 if fatal else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2:]))
