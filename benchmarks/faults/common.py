"""Shared pieces of the fault runs: private PostgreSQL and Redis instances on free loopback
ports (the shared servers are never stopped), the seeded database, the service under
gunicorn and Celery workers as real processes. Everything is torn down by `Stack.close()`.
"""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from base64 import b64encode
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = str(ROOT / ".venv" / "bin" / "python")
PG_BIN = Path("/usr/lib/postgresql/15/bin")
FAULTS = Path(__file__).resolve().parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(predicate, timeout: float, interval: float = 0.2, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"{what} not met within {timeout} s")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


class PrivatePostgres:
    """A throw-away PostgreSQL 15 cluster (trust auth) we may stop and crash at will."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.data = workdir / "pgdata"
        self.socket_dir = workdir / "pgsock"
        self.logfile = workdir / "postgres.log"

    def init(self):
        for path in (self.data.parent,):
            path.mkdir(parents=True, exist_ok=True)
        self.socket_dir.mkdir(exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.data.parent, "postgres")
            shutil.chown(self.socket_dir, "postgres")
        subprocess.run(
            as_postgres(
                [str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        self.start()

    def _ctl(self, *args):
        subprocess.run(
            as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), *args]),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start(self):
        opts = (
            f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 "
            "-c max_connections=200 -c shared_buffers=256MB"
        )
        self._ctl("start", "-w", "-t", "30", "-l", str(self.logfile), "-o", opts)

    def stop(self, mode: str = "immediate"):
        """`immediate` is a crash as far as clients and recovery are concerned."""
        self._ctl("stop", "-w", "-t", "30", "-m", mode)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}"

    def close(self):
        with contextlib.suppress(Exception):
            self.stop("fast")
        if not os.environ.get("KEEP_FAULT_FILES"):
            shutil.rmtree(self.data.parent, ignore_errors=True)


class PrivateRedis:
    def __init__(self, workdir: Path):
        self.port = free_port()
        self.workdir = workdir
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_until(self.answers, 10, 0.1, "redis up")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()  # no SHUTDOWN SAVE: what was queued in memory is gone
            self.process.wait(timeout=10)
        wait_until(lambda: not self.answers(), 10, 0.1, "redis down")

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def close(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


class Stack:
    """The service (gunicorn) and optional Celery workers over a freshly seeded database."""

    def __init__(self, name: str, database_url: str, broker_url: str, **extra_env):
        self.workdir = Path(tempfile.mkdtemp(prefix=f"gfmd-fault-{name}-"))
        self.db_name = f"gfmd_fault_{name}"
        self.server_url = database_url
        self.mailbox = self.workdir / "mail"
        self.mailbox.mkdir()
        self.env = {
            **os.environ,
            "DATABASE_URL": f"{database_url}/{self.db_name}",
            "DEBUG": "false",
            "SECRET_KEY": "fault-run-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "CELERY_BROKER_URL": broker_url,
            "CELERY_TASK_DEFAULT_QUEUE": f"fault-{name}",
            "THROTTLE_USER": "100000000/min",
            "THROTTLE_ANON": "100000000/min",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mailbox),
            "WEBHOOKS_ALLOW_HTTP": "true",
            "WEBHOOKS_ALLOW_PRIVATE_TARGETS": "true",
            "STATIC_ROOT": str(ROOT / "var" / "bench" / "static"),
            "MEDIA_ROOT": str(self.workdir / "media"),
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": f"{FAULTS}{os.pathsep}{ROOT}",
            **extra_env,
        }
        self.processes: list[subprocess.Popen] = []
        self.info: dict = {}
        self.port = None

    # --- database ----------------------------------------------------------------------
    def psql(self, sql: str, db: str = "postgres") -> str:
        host_port = self.server_url.rsplit(":", 1)[1]
        return subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", host_port, "-U", "postgres", "-tAq", "-c", sql, db],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    def prepare(self):
        log(f"database {self.db_name}: create, migrate, seed")
        self.psql(f"DROP DATABASE IF EXISTS {self.db_name}")
        self.psql(f"CREATE DATABASE {self.db_name}")
        run = {"env": self.env, "cwd": ROOT, "check": True}
        subprocess.run([PY, "manage.py", "migrate", "--noinput"], stdout=subprocess.DEVNULL, **run)
        subprocess.run(
            [PY, "manage.py", "collectstatic", "--noinput"], stdout=subprocess.DEVNULL, **run
        )
        seed = self.workdir / "seed.json"
        subprocess.run([PY, "benchmarks/seed.py", str(seed)], stdout=subprocess.DEVNULL, **run)
        self.info = json.loads(seed.read_text())

    def sql(self, query: str) -> str:
        return self.psql(query, self.db_name)

    # --- processes ---------------------------------------------------------------------
    def start_service(self, workers: int = 5):
        self.port = free_port()
        self.service_log = open(self.workdir / "service.log", "w")  # noqa: SIM115 (closed with the stack)
        process = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "-w",
                str(workers),
                "--timeout",
                "30",
                "-b",
                f"127.0.0.1:{self.port}",
                "gfmd.config.wsgi",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.service_log,
            stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        wait_until(lambda: self.status("/health/") in (200, 503), 60, 0.3, "service up")
        return process

    def start_worker(
        self, pool: str = "solo", concurrency: int = 1, name: str = "w1", wrapper: str | None = None
    ):
        logfile = self.workdir / f"worker-{name}.log"
        cmd = [PY, str(FAULTS / wrapper)] if wrapper else [PY, "-m", "celery", "-A", "gfmd"]
        cmd += [
            "worker",
            f"--pool={pool}",
            f"--concurrency={concurrency}",
            f"--queues={self.env['CELERY_TASK_DEFAULT_QUEUE']}",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
            f"--logfile={logfile}",
            f"--hostname={name}-{self.db_name}@%h",
        ]
        process = subprocess.Popen(
            cmd, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
        )
        self.processes.append(process)
        wait_until(
            lambda: logfile.exists() and "ready." in logfile.read_text(),
            60,
            0.3,
            f"worker {name} ready",
        )
        return process

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def status(self, path: str) -> int | None:
        try:
            with urllib.request.urlopen(self.url(path), timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            return None

    def token(self) -> str:
        basic = b64encode(f"{self.info['client_id']}:{self.info['client_secret']}".encode())
        request = urllib.request.Request(
            self.url("/oauth/token/"),
            data=b"grant_type=client_credentials",
            headers={
                "Authorization": f"Basic {basic.decode()}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())["access_token"]

    def close(self, keep_database: bool = False):
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in reversed(self.processes):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        if not keep_database:
            with contextlib.suppress(Exception):
                self.psql(f"DROP DATABASE IF EXISTS {self.db_name} WITH (FORCE)")
        self.service_log = getattr(self, "service_log", None)
        if self.service_log:
            self.service_log.close()
        if not os.environ.get("KEEP_FAULT_FILES"):
            shutil.rmtree(self.workdir, ignore_errors=True)


def post_json(url: str, body: dict, token: str, timeout: float = 15) -> tuple[int | None, dict]:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        raw = exc.read()
        try:
            return exc.code, json.loads(raw or b"{}")
        except ValueError:
            return exc.code, {"raw": raw[:200].decode("utf-8", "replace")}
    except OSError as exc:
        return None, {"error": str(exc)}


def verdict(name: str, ok: bool, figures: dict) -> int:
    print(f"\n{'PASS' if ok else 'FAIL'} {name}")
    for key, value in figures.items():
        print(f"  {key}: {value}")
    return 0 if ok else 1


def main_guard(fn):
    """Run `fn` with a hard time limit (SIGALRM) so a fault run always stops by itself."""

    def run(limit_seconds: int):
        def expired(*_):
            raise TimeoutError(f"fault run exceeded {limit_seconds} s")

        signal.signal(signal.SIGALRM, expired)
        signal.alarm(limit_seconds)
        try:
            sys.exit(fn())
        finally:
            signal.alarm(0)

    return run
