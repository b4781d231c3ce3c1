"""A real PostgreSQL server for the team-desk tests, started by the test session itself.

Debian's ``postgresql`` package (installed by ``packaging/dev.sh test``) provides the binaries; the
server runs from ``initdb`` in a temporary folder, as the unprivileged ``postgres`` user when the
tests run as root (CI does: the server refuses to run as root), on a free loopback port with
password authentication, so that wrong passwords are refused for real. No mock database.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "qwb_admin"
SUPERUSER_PASSWORD = "desk-admin-secret"


def postgres_bin_dir() -> Path | None:
    """Where initdb, pg_ctl and postgres live, or None when PostgreSQL is not installed."""
    found = shutil.which("pg_config")
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    if candidates:
        return Path(candidates[-1])
    if found:
        return Path(subprocess.run([found, "--bindir"], capture_output=True, text=True, check=True).stdout.strip())
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PostgresServer:
    """One running server. ``url(database, user, password)`` builds a project location for it."""

    bin_dir: Path
    folder: Path
    port: int
    run_as: str | None  # the unprivileged user the server runs as, when the tests run as root
    _process_env: dict = field(default_factory=dict)

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    def _run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bin_dir / argv[0]), *argv[1:]]
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=check, cwd=self.folder)

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data_dir), "-l", str(self.folder / "server.log"), "-w", "-t", "60",
                  "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", mode, "-w", "stop", check=False)

    def restart(self) -> None:
        # -l as in start(): without it the new server keeps pg_ctl's output pipe open and _run waits for ever
        self._run("pg_ctl", "-D", str(self.data_dir), "-l", str(self.folder / "server.log"), "-m", "fast", "-w",
                  "-t", "60",
                  "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1", "restart")

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str | None = SUPERUSER_PASSWORD) -> str:
        credentials = user if password is None else f"{user}:{password}"
        return f"postgresql://{credentials}@127.0.0.1:{self.port}/{database}"

    def admin_sql(self, sql: str, database: str = "postgres") -> str:
        """Run SQL as the superuser through psql; returns what it printed (unaligned, tuples only)."""
        env = {**os.environ, "PGPASSWORD": SUPERUSER_PASSWORD}
        done = subprocess.run(
            [str(self.bin_dir / "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
             "-p", str(self.port), "-U", SUPERUSER, "-d", database, "-c", sql],
            capture_output=True, text=True, env=env, check=True)
        return done.stdout.strip()

    def create_database(self, name: str | None = None) -> str:
        name = name or f"desk_{uuid.uuid4().hex[:12]}"
        self.admin_sql(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        self.admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def create_role(self, name: str, password: str) -> None:
        self.admin_sql(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{password}'")

    def terminate_backends(self, database: str) -> int:
        """Kill every other connection to ``database`` from a second session (a dropped connection)."""
        out = self.admin_sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                             f"WHERE datname = '{database}' AND pid <> pg_backend_pid()")
        return int(out or 0)


def start_server() -> PostgresServer:
    bin_dir = postgres_bin_dir()
    if bin_dir is None or not (bin_dir / "initdb").exists():
        raise RuntimeError("PostgreSQL is not installed (Debian package postgresql): run packaging/dev.sh test")
    run_as = None
    if os.geteuid() == 0:
        run_as = "postgres"
        try:
            pwd.getpwnam(run_as)
        except KeyError:
            run_as = "nobody"
    folder = Path(tempfile.mkdtemp(prefix="qwb-postgres-"))
    if run_as:
        entry = pwd.getpwnam(run_as)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    password_file = folder / "pw"
    password_file.write_text(SUPERUSER_PASSWORD)
    if run_as:
        os.chown(password_file, pwd.getpwnam(run_as).pw_uid, -1)
    server = PostgresServer(bin_dir, folder, _free_port(), run_as)
    server._run("initdb", "-D", str(server.data_dir), "-U", SUPERUSER, f"--pwfile={password_file}",
                "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
    password_file.unlink()
    with open(server.data_dir / "postgresql.conf", "a") as conf:
        # a test server: no durability needed, small and quick
        conf.write("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\n"
                   "shared_buffers = 64MB\n")
    server.start()
    deadline = time.monotonic() + 30
    while True:
        try:
            server.admin_sql("SELECT 1")
            break
        except subprocess.CalledProcessError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    return server


def remove_server(server: PostgresServer) -> None:
    server.stop("immediate")
    shutil.rmtree(server.folder, ignore_errors=True)
