"""Every character the program allows in the master password, in first and in last position:
one role per rotation of the crafted password, its URLs and users.txt line made by the program's own
functions, connecting straight to PostgreSQL and through PgBouncer (the prod pgbouncer.ini), with
psycopg2, psycopg 3 and asyncpg."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from components.airflow.pgbouncer import pgbouncer_users
from components.postgres import async_connection_url, connection_url
from tests.integration.binaries import debian_program
from tests.integration.consumers import run_probe
from tests.integration.deployments import allowed_characters, crafted_password, deployment
from tests.integration.pgbouncer_server import start_pgbouncer
from tests.integration.postgres_server import PostgresServer
from tests.integration.processes import LOOPBACK, server_uid
from tests.integration.tls import TestAuthority

RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword"


@pytest.fixture(scope="module")
def rotations(postgres: PostgresServer) -> dict[str, str]:
    """role -> password, one per special character in first position."""
    prod = deployment("prod", "generated")
    inputs = prod.run.one(RANDOM_PASSWORD, "metadata-db-master-password").inputs
    specials = allowed_characters(inputs)[1]
    roles = {f"rotation_{n:02d}": crafted_password(inputs, n) for n in range(len(specials))}
    assert {p[0] for p in roles.values()} == set(specials) == {p[-1] for p in roles.values()}
    database = prod.rds["dbName"]  # PgBouncer's [databases] entry points at it
    with postgres.admin() as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone():
            conn.execute(
                psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(database))
            )
        for role, password in roles.items():
            conn.execute(f"DROP ROLE IF EXISTS {role}")
            conn.execute(
                psycopg.sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                    psycopg.sql.Identifier(role), psycopg.sql.Literal(password)
                )
            )
            # A deployment's roles script lets only its own roles connect to the database.
            conn.execute(
                psycopg.sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
                    psycopg.sql.Identifier(database), psycopg.sql.Identifier(role)
                )
            )
    return roles


def test_every_character_first_and_last(
    rotations: dict[str, str], postgres: PostgresServer, authority: TestAuthority, workspace: Path
) -> None:
    prod = deployment("prod", "generated")
    config = prod.secret(prod.names.pgbouncer_config)
    bouncer = start_pgbouncer(
        debian_program("pgbouncer", "pgbouncer"),
        workspace / "rotations-pgbouncer",
        ini=config["pgbouncer.ini"],
        users="".join(pgbouncer_users(role, pw) for role, pw in rotations.items()),
        db_port=postgres.port,
        client_tls=authority.server_pair("pgbouncer-rotations", owner=server_uid()),
    )
    exposed = prod.secret(prod.names.metadata)["connection"].rpartition("/")[2].partition("?")[0]
    try:
        old_pgbouncer = "max_prepared_statements" in bouncer.dropped
        if old_pgbouncer:
            print("asyncpg through PgBouncer 1.18 runs with unique statement names, no cache")
        sync, async_ = [], []
        for role, password in rotations.items():
            for port, database in ((postgres.port, "postgres"), (bouncer.port, exposed)):
                sync.append(connection_url(role, password, LOOPBACK, port, database))
                async_url = async_connection_url(role, password, LOOPBACK, port, database)
                async_.append([async_url, old_pgbouncer and port == bouncer.port])
        expected = [role for role in rotations for _ in (1, 2)]
        for venv in ("sqlalchemy20-psycopg2", "sqlalchemy21-psycopg3"):
            seen = run_probe(venv, "password_matrix", {"sync": sync, "async": async_})
            assert seen["sync"] == expected, venv
            assert seen["async"] == expected, venv
    finally:
        bouncer.stop()
