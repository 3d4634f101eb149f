"""docs/operations.md lists every environment variable the service reads: parsed from the
source (settings' env_* helpers, os.environ / os.getenv, dj_database_url), not a list."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("gfmd", "roundtables", "civil_society")
HELPERS = {"env_str", "env_bool", "env_int", "env_list"}
ENV_SECTION = "## Settings (environment variables"


def _is_os_environ(node) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "environ"
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def _name_read(node) -> tuple[bool, ast.expr | None]:
    """(is this an environment read, the expression naming the variable)."""
    if isinstance(node, ast.Subscript) and _is_os_environ(node.value):
        return True, node.slice
    if not isinstance(node, ast.Call):
        return False, None
    func, first = node.func, node.args[0] if node.args else None
    if isinstance(func, ast.Name) and func.id in HELPERS:
        return True, first
    if isinstance(func, ast.Attribute):
        if _is_os_environ(func.value) and func.attr in {"get", "setdefault", "pop"}:
            return True, first
        if isinstance(func.value, ast.Name) and func.value.id == "os" and func.attr == "getenv":
            return True, first
        if isinstance(func.value, ast.Name) and func.value.id == "dj_database_url":
            named = {k.arg: k.value for k in node.keywords}
            return func.attr == "config", named.get("env", ast.Constant("DATABASE_URL"))
    return False, None


def environment_reads() -> dict[str, set[str]]:
    """Variable name -> the files that read it. A read by a computed name fails the test,
    except inside settings' own env_* helpers (they receive the name)."""
    found: dict[str, set[str]] = {}
    files = [ROOT / "manage.py", *(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))]
    for path in files:
        tree = ast.parse(path.read_text(), filename=str(path))
        skip = {
            id(inner)
            for fn in ast.walk(tree)
            if isinstance(fn, ast.FunctionDef) and fn.name in HELPERS
            for inner in ast.walk(fn)
        }
        for node in ast.walk(tree):
            is_read, name = _name_read(node)
            if not is_read or id(node) in skip:
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            assert isinstance(name, ast.Constant) and isinstance(name.value, str), (
                f"{where}: reads an environment variable whose name is not a literal"
            )
            found.setdefault(name.value, set()).add(where)
    return found


def documented() -> set[str]:
    """Names in the first column of the environment table of docs/operations.md."""
    text = (ROOT / "docs" / "operations.md").read_text()
    section = text[text.index(ENV_SECTION) :]
    section = section[: section.index("\n## ", 1)]
    names = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            names.update(re.findall(r"`([A-Z][A-Z0-9_]*)`", line.split("|")[1]))
    return names


def test_parser_sees_the_settings_reads():
    reads = environment_reads()
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "CACHE_URL", "EMAIL_HOST_PASSWORD"} <= set(reads)
    assert any(w.startswith("gfmd/config/settings.py") for w in reads["DATABASE_URL"])


def test_every_environment_variable_read_is_documented():
    missing = {
        name: sorted(w) for name, w in environment_reads().items() if name not in documented()
    }
    assert not missing, f"add these to the table in docs/operations.md: {missing}"


def test_every_documented_variable_is_read():
    stale = documented() - set(environment_reads())
    assert not stale, f"docs/operations.md lists variables nothing reads: {sorted(stale)}"
