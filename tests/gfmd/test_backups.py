"""Backups that restore: the demo data backed up, restored into a new empty database and
media store (as an operator would, `manage.py restore` in its own process), then every
table's row count and the activity log's hash chain compared with the original."""

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from gfmd.platform.services.backups import BackupError, backup_create, backup_restore, backup_verify
from roundtables.models import WorkingPaper
from roundtables.services.versions import version_add_file
from tests.factories import StaffFactory, reference_data
from tests.roundtables.factories import PDF_BYTES, upload

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def _url(name: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgresql://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _counts(name: str) -> dict[str, int]:
    with psycopg.connect(_url(name)) as conn:
        tables = conn.execute(
            "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables "
            "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        ).fetchall()
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for (t,) in tables}


@pytest.fixture
def scratch_db():
    """A new, empty database on the same server, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _manage(*args, database: str, media: Path):
    env = {**os.environ, "DATABASE_URL": _url(database), "MEDIA_ROOT": str(media)}
    env["DB_CONN_MAX_AGE"] = "0"
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.fixture
def demo_backup(transactional_db, settings, tmp_path):
    """The demo data plus one uploaded file, backed up."""
    settings.MEDIA_ROOT = tmp_path / "media"
    reference_data()  # an earlier transactional test may have flushed the reference rows
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    paper = WorkingPaper.objects.filter(state="drafting").first()
    version = version_add_file(
        actor=StaffFactory(), paper=paper, upload=upload("draft.pdf", PDF_BYTES)
    )
    return backup_create(output_dir=tmp_path / "backups"), version.file.name


def test_backup_of_demo_restores_with_same_rows_files_and_intact_chain(
    demo_backup, scratch_db, tmp_path
):
    backup, uploaded = demo_backup
    original = _counts(connection.settings_dict["NAME"])
    assert original["public.gfmd_activitylog"] > 0 and original["public.gfmd_edition"] > 0

    busy_media = tmp_path / "busy"
    (busy_media / "old").mkdir(parents=True)
    (busy_media / "old" / "file.txt").write_text("left over")
    refused = _manage("restore", str(backup), database=scratch_db, media=busy_media)
    assert refused.returncode == 1 and "is not empty" in refused.stderr
    assert _counts(scratch_db) == {}  # nothing restored

    restored_media = tmp_path / "restored-media"
    done = _manage("restore", str(backup), database=scratch_db, media=restored_media)
    assert done.returncode == 0, done.stderr
    assert "activity log intact" in done.stdout

    assert _counts(scratch_db) == original
    assert (restored_media / uploaded).read_bytes() == PDF_BYTES
    chain = _manage("verify_activity_log", database=scratch_db, media=restored_media)
    assert chain.returncode == 0 and "intact" in chain.stdout, chain.stderr

    again = _manage("restore", str(backup), database=scratch_db, media=tmp_path / "other")
    assert again.returncode == 1 and f"Database {scratch_db} is not empty" in again.stderr


@pytest.mark.django_db
def test_restore_refuses_a_damaged_or_added_file_or_a_non_empty_database(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "papers").mkdir(parents=True)
    (tmp_path / "media" / "papers" / "draft.pdf").write_bytes(PDF_BYTES)
    backup = backup_create(output_dir=tmp_path / "backups")
    assert backup_verify(backup)["format"] == "gfmd-backup/1"

    damaged = tmp_path / "damaged"
    shutil.copytree(backup, damaged)
    (damaged / "media" / "papers" / "draft.pdf").write_bytes(PDF_BYTES.replace(b"1.4", b"1.5"))
    with pytest.raises(BackupError, match="checksum mismatch"):
        backup_restore(source=damaged)

    added = tmp_path / "added"
    shutil.copytree(backup, added)
    (added / "media" / "extra.pdf").write_bytes(PDF_BYTES)
    with pytest.raises(BackupError, match="not in the manifest"):
        backup_verify(added)

    with pytest.raises(BackupError, match="is not empty"):
        backup_restore(source=backup)  # the test database holds the country list


@pytest.mark.django_db
def test_backup_refuses_a_pg_dump_older_than_the_server(tmp_path):
    old = tmp_path / "bin"
    old.mkdir()
    (old / "pg_dump").write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    (old / "pg_dump").chmod(0o755)
    with pytest.raises(BackupError, match="pg_dump 9 cannot dump a PostgreSQL 1[0-9] server"):
        backup_create(output_dir=tmp_path / "backups", bin_dir=str(old))
    assert not any((tmp_path / "backups").iterdir())  # no partial backup left behind
