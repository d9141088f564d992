"""PostgreSQL configured like the program's RDS instance: `rds.force_ssl=1`, SCRAM, its role and db.

RDS with rds.force_ssl=1 refuses any connection without TLS; here pg_hba.conf has only `hostssl`
lines with scram-sha-256. The master user (`airflow`) is, as on RDS, not a superuser: it may create
roles and databases and owns the `airflow` database. A separate superuser stands in for RDS's own
administration and for the tier's assertions.
"""

from __future__ import annotations

import secrets
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

from tests.integration.processes import (
    LOOPBACK,
    ServerProcess,
    free_port,
    give_to_server,
    server_uid,
)
from tests.integration.tls import TestAuthority

ADMIN_USER = "rdsadmin"

HBA = """\
# rds.force_ssl=1: TLS and SCRAM, nothing else
hostssl all all 127.0.0.1/32 scram-sha-256
hostssl all all ::1/128 scram-sha-256
"""


@dataclass
class PostgresServer:
    process: ServerProcess
    admin_password: str
    version: str

    @property
    def port(self) -> int:
        return self.process.port

    def admin_dsn(self, database: str = "postgres") -> str:
        return (
            f"host={LOOPBACK} port={self.port} dbname={database} user={ADMIN_USER} "
            f"password={self.admin_password} sslmode=require"
        )

    def admin(self, database: str = "postgres") -> psycopg.Connection:
        return psycopg.connect(self.admin_dsn(database), autocommit=True)

    def set_master(self, username: str, password: str, database: str) -> None:
        """The RDS instance's master user and database, with this password (idempotent)."""
        with self.admin() as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_roles WHERE rolname = %s", [username]
            ).fetchone()
            verb = "ALTER" if exists else "CREATE"
            conn.execute(
                psycopg.sql.SQL(
                    "{} ROLE {} LOGIN CREATEROLE CREATEDB NOSUPERUSER PASSWORD {}"
                ).format(
                    psycopg.sql.SQL(verb),
                    psycopg.sql.Identifier(username),
                    psycopg.sql.Literal(password),
                )
            )
            if not conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [database]
            ).fetchone():
                conn.execute(
                    psycopg.sql.SQL("CREATE DATABASE {} OWNER {}").format(
                        psycopg.sql.Identifier(database), psycopg.sql.Identifier(username)
                    )
                )

    def drop_database(self, database: str) -> None:
        with self.admin() as conn:
            conn.execute(
                psycopg.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    psycopg.sql.Identifier(database)
                )
            )

    def stop(self) -> None:
        self.process.stop()


def _conf(port: int, tls_cert: Path, tls_key: Path, socket_dir: Path) -> str:
    return f"""
listen_addresses = '{LOOPBACK}'
port = {port}
unix_socket_directories = '{socket_dir}'
ssl = on
ssl_cert_file = '{tls_cert}'
ssl_key_file = '{tls_key}'
ssl_min_protocol_version = 'TLSv1.2'
password_encryption = 'scram-sha-256'
max_connections = 300
log_connections = on
# Durability is not under test; these only make the tier faster.
fsync = off
synchronous_commit = off
full_page_writes = off
"""


def _wait_until_accepting(process: ServerProcess, admin_password: str, timeout: float = 30) -> None:
    """Listening is not ready: until its startup finishes PostgreSQL answers every connection
    with "the database system is starting up" (a test connecting at once failed on it)."""
    dsn = (
        f"host={LOOPBACK} port={process.port} dbname=postgres user={ADMIN_USER} "
        f"password={admin_password} sslmode=require"
    )
    deadline = time.monotonic() + timeout
    while True:
        try:
            psycopg.connect(dsn).close()
            return
        except psycopg.OperationalError as error:
            if "starting up" not in str(error) or time.monotonic() > deadline:
                raise RuntimeError(f"postgres does not accept connections: {error}") from error
            time.sleep(0.1)


def start_postgres(bindir: Path, directory: Path, authority: TestAuthority) -> PostgresServer:
    directory.mkdir(mode=0o700)
    give_to_server(directory)
    data = directory / "data"
    admin_password = secrets.token_urlsafe(24)
    pwfile = directory / "admin.pw"
    pwfile.write_text(admin_password)
    give_to_server(pwfile)
    subprocess.run(
        [
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            ADMIN_USER,
            f"--pwfile={pwfile}",
            "--auth=scram-sha-256",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        ],
        check=True,
        capture_output=True,
        user=server_uid(),
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )
    pwfile.unlink()
    pair = authority.server_pair("postgres", owner=server_uid())
    port = free_port()
    with (data / "postgresql.conf").open("a") as conf:
        conf.write(_conf(port, pair.cert, pair.key, directory))
    (data / "pg_hba.conf").write_text(HBA)
    process = ServerProcess("postgres", [bindir / "postgres", "-D", data], directory / "log", port)
    process.wait_until_listening()
    _wait_until_accepting(process, admin_password)
    version = subprocess.run(
        [str(bindir / "postgres"), "--version"], check=True, capture_output=True, text=True
    ).stdout.strip()
    return PostgresServer(process, admin_password, version)
