"""Backups that restore: a PostgreSQL dump and the uploaded files, with a manifest of
SHA-256 checksums and of every table's row count, restored only into an empty database
and an empty media store, then checked (row counts, activity log hash chain).

Consistency: the row counts, the list of files the records point to and pg_dump all read
one exported snapshot (`pg_export_snapshot()` + `pg_dump --snapshot`). Uploaded files are
write-once, so copying the media store after the snapshot finds every file the dump
refers to (checked: a missing one fails the backup).
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from django.apps import apps
from django.conf import settings
from django.db import connections, models
from psycopg import sql

from gfmd.platform.models import ActivityLog
from gfmd.platform.services.activity import verify_chain

FORMAT = "gfmd-backup/1"
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media"


class BackupError(Exception):
    """A backup or restore refused or failed; the message says why and what to do."""


@dataclass
class RestoreReport:
    tables: int
    rows: int
    files: int
    chain_entries: int
    problems: list[str] = field(default_factory=list)


# --- PostgreSQL access ----------------------------------------------------------------------


def _settings(using: str) -> dict:
    db = connections[using].settings_dict
    if connections[using].vendor != "postgresql":
        raise BackupError("Backups need PostgreSQL (DATABASE_URL=postgres://...).")
    return db


def _libpq_env(db: dict) -> dict[str, str]:
    values = {
        "PGDATABASE": db["NAME"],
        "PGHOST": db.get("HOST"),
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": db.get("USER"),
        "PGPASSWORD": db.get("PASSWORD"),
        "PGSSLMODE": (db.get("OPTIONS") or {}).get("sslmode"),
    }
    return {**os.environ, **{k: v for k, v in values.items() if v}}


def _connect(db: dict) -> psycopg.Connection:
    params = {"dbname": db["NAME"], "host": db.get("HOST"), "port": db.get("PORT")}
    params |= {"user": db.get("USER"), "password": db.get("PASSWORD")}
    return psycopg.connect(**{k: v for k, v in params.items() if v})


def _tool(name: str, bin_dir: str | None) -> str:
    path = shutil.which(name, path=bin_dir) if bin_dir else shutil.which(name)
    if not path:
        raise BackupError(f"{name} not found: install the PostgreSQL client or pass --pg-bin-dir.")
    return path


def _major(tool: str) -> int:
    out = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True).stdout
    match = re.search(r"\)\s*(\d+)", out)
    if not match:
        raise BackupError(f"Cannot read the version of {tool}: {out.strip()!r}")
    return int(match.group(1))


def _run(args: list[str], db: dict) -> None:
    done = subprocess.run(args, env=_libpq_env(db), capture_output=True, text=True)
    if done.returncode:
        tail = "\n".join(done.stderr.strip().splitlines()[-5:])
        raise BackupError(f"{Path(args[0]).name} failed (exit {done.returncode}): {tail}")


def _tables(cursor) -> list[tuple[str, str]]:
    cursor.execute(
        "SELECT schemaname, tablename FROM pg_tables "
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
    )
    return cursor.fetchall()


def table_row_counts(cursor) -> dict[str, int]:
    """Rows in every table of the database, keyed "schema.table"."""
    counts = {}
    for schema, table in _tables(cursor):
        cursor.execute(
            sql.SQL("SELECT count(*) FROM {}.{}").format(
                sql.Identifier(schema), sql.Identifier(table)
            )
        )
        counts[f"{schema}.{table}"] = cursor.fetchone()[0]
    return counts


def _referenced_files(cursor) -> set[str]:
    """Every file name a FileField of any model holds."""
    names = set()
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                query = sql.SQL("SELECT {c} FROM {t} WHERE {c} <> ''").format(
                    c=sql.Identifier(f.column), t=sql.Identifier(model._meta.db_table)
                )
                cursor.execute(query)
                names.update(row[0] for row in cursor.fetchall())
    return names


def _last_activity_hash(cursor) -> str:
    table = sql.Identifier(ActivityLog._meta.db_table)
    cursor.execute(sql.SQL("SELECT hash FROM {} ORDER BY id DESC LIMIT 1").format(table))
    row = cursor.fetchone()
    return row[0] if row else ""


# --- files ----------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _files_under(root: Path) -> list[Path]:
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _copy_tree(source: Path, target: Path) -> list[str]:
    copied = []
    for path in _files_under(source):
        relative = path.relative_to(source)
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target / relative)
        copied.append(relative.as_posix())
    return copied


# --- backup ---------------------------------------------------------------------------------


def backup_create(*, output_dir: Path, using: str = "default", bin_dir: str | None = None) -> Path:
    """Write `output_dir/gfmd-backup-<UTC time>/` (dump, media/, manifest.json); return it."""
    db = _settings(using)
    media_root = Path(settings.MEDIA_ROOT)
    pg_dump = _tool("pg_dump", bin_dir)
    client = _major(pg_dump)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    final = Path(output_dir) / f"gfmd-backup-{stamp}"
    work = final.with_name(final.name + ".partial")  # never mistaken for a finished backup
    work.mkdir(parents=True)
    try:
        with _connect(db) as conn:
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            conn.read_only = True
            with conn.cursor() as cursor:
                cursor.execute("SELECT current_setting('server_version_num')::int / 10000")
                server = cursor.fetchone()[0]
                if client < server:
                    raise BackupError(
                        f"pg_dump {client} cannot dump a PostgreSQL {server} server: install "
                        f"postgresql-client-{server} and pass --pg-bin-dir."
                    )
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                counts = table_row_counts(cursor)
                referenced = _referenced_files(cursor)
                last_hash = _last_activity_hash(cursor)
                # The snapshot stays importable while this transaction is open.
                _run(
                    [
                        pg_dump,
                        "--format=custom",
                        f"--snapshot={snapshot}",
                        "--no-owner",
                        "--no-privileges",
                        f"--file={work / DUMP}",
                    ],
                    db,
                )
            conn.rollback()
        copied = set(_copy_tree(media_root, work / MEDIA))
        missing = sorted(referenced - copied)
        if missing:
            raise BackupError(
                f"{len(missing)} uploaded file(s) the records refer to are missing from "
                f"{media_root}, e.g. {missing[0]}."
            )
        listed = [work / DUMP, *_files_under(work / MEDIA)]
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(),
            "database": db["NAME"],
            "server_major": server,
            "pg_dump_major": client,
            "row_counts": counts,
            "activity_log_last_hash": last_hash,
            "files": [
                {
                    "path": p.relative_to(work).as_posix(),
                    "size": p.stat().st_size,
                    "sha256": _sha256(p),
                }
                for p in listed
            ],
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return final


# --- verify and restore ---------------------------------------------------------------------


def backup_verify(source: Path) -> dict:
    """The manifest, once every file it lists matches its size and SHA-256 and no other
    file has been added; else BackupError."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source}: no readable {MANIFEST} ({exc}).") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source}: unknown backup format {manifest.get('format')!r}.")
    listed = {}
    for entry in manifest["files"]:
        path = source / entry["path"]
        if not path.is_file() or path.stat().st_size != entry["size"]:
            raise BackupError(f"{entry['path']}: missing or of the wrong size.")
        if _sha256(path) != entry["sha256"]:
            raise BackupError(f"{entry['path']}: checksum mismatch (the backup is damaged).")
        listed[entry["path"]] = entry
    extra = [
        p.relative_to(source).as_posix()
        for p in [source / DUMP, *_files_under(source / MEDIA)]
        if p.relative_to(source).as_posix() not in listed
    ]
    if extra:
        raise BackupError(f"{len(extra)} file(s) not in the manifest, e.g. {extra[0]}.")
    return manifest


def _relations(db: dict) -> int:
    with _connect(db) as conn, conn.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') "
            "AND n.nspname NOT LIKE 'pg_toast%' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')"
        )
        return cursor.fetchone()[0]


def backup_restore(
    *, source: Path, using: str = "default", bin_dir: str | None = None
) -> RestoreReport:
    """Restore into the (empty) database `using` and the (empty) MEDIA_ROOT, then check it."""
    source = Path(source)
    db = _settings(using)
    media_root = Path(settings.MEDIA_ROOT)
    manifest = backup_verify(source)
    pg_restore = _tool("pg_restore", bin_dir)
    if _major(pg_restore) < manifest["pg_dump_major"]:
        raise BackupError(
            f"pg_restore {_major(pg_restore)} cannot read a dump of pg_dump "
            f"{manifest['pg_dump_major']}: install that client version and pass --pg-bin-dir."
        )
    if relations := _relations(db):
        raise BackupError(
            f"Database {db['NAME']} is not empty ({relations} tables or sequences): restore "
            "only into a new, empty database (createdb)."
        )
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(f"Media store {media_root} is not empty: restore into an empty one.")

    _run(
        [
            pg_restore,
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            f"--dbname={db['NAME']}",
            str(source / DUMP),
        ],
        db,
    )
    # Copy beside the target, check, then move into place: never a half-filled store.
    staging = media_root.with_name(f".{media_root.name}.restoring")
    shutil.rmtree(staging, ignore_errors=True)
    files = _copy_tree(source / MEDIA, staging)
    for entry in manifest["files"]:
        if entry["path"].startswith(f"{MEDIA}/"):
            copy = staging / entry["path"].removeprefix(f"{MEDIA}/")
            if _sha256(copy) != entry["sha256"]:
                raise BackupError(f"{entry['path']}: checksum mismatch after copying.")
    if media_root.exists():
        media_root.rmdir()
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging.rename(media_root)
    return backup_check_restored(manifest, using=using, files=len(files))


def backup_check_restored(manifest: dict, *, using: str = "default", files: int = 0):
    """Row counts against the manifest, the activity log's chain and its newest hash."""
    db = _settings(using)
    with _connect(db) as conn, conn.cursor() as cursor:
        counts = table_row_counts(cursor)
        last_hash = _last_activity_hash(cursor)
    expected = manifest["row_counts"]
    problems = [
        f"{table}: {counts.get(table)} rows, backup had {rows}"
        for table, rows in expected.items()
        if counts.get(table) != rows
    ]
    problems += [f"{table}: not in the backup" for table in counts.keys() - expected.keys()]
    chain = verify_chain(using=using)
    if not chain.ok:
        problems.append(f"activity log broken at entry #{chain.first_broken_id}: {chain.reason}")
    if last_hash != manifest["activity_log_last_hash"]:
        problems.append("the activity log's newest hash differs from the backup's")
    return RestoreReport(len(counts), sum(counts.values()), files, chain.checked, problems)
