"""The layer order of docs/architecture.md, as import-linter contracts (pyproject.toml).

Fails when the platform kernel imports a domain app or the configuration, when anything
but Django imports the configuration, or when a module inside an app imports a layer above
its own (rules -> models, selectors -> services, ...), directly or through other modules.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_a_forbidden_import_breaks_a_contract(tmp_path):
    """The contracts can fail: a platform module importing the governance core breaks one."""
    probe = ROOT / "gfmd" / "platform" / "_layer_probe.py"
    probe.write_text("from gfmd.models import Country  # noqa: F401\n")
    try:
        lint = Path(sys.executable).with_name("lint-imports")
        result = subprocess.run(
            [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
        )
    finally:
        probe.unlink()
    assert result.returncode != 0
    assert "gfmd.platform._layer_probe -> gfmd.models" in result.stdout


def test_the_configuration_points_at_the_repository():
    """Settings live in gfmd/config/; var/ (SQLite file, static, media, mail) stays at the top."""
    from django.conf import settings

    assert (settings.BASE_DIR / "manage.py").is_file()
