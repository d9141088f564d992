"""The roles scripts (components/postgres_roles.py) on the tier's PostgreSQL, run by psql as an
RDS-like master (CREATEROLE, CREATEDB, no superuser) on a database it created and filled before
the roles existed (an existing deployment): twice each, then every privilege asserted.

Own names (master, database, roles), so the deployments' `airflow` roles are not touched."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest

from components.postgres_roles import (
    KEDA_COLUMNS,
    KEDA_TABLE,
    RoleNames,
    keda_grants_script,
    password_verifier,
    roles_script,
)
from tests.integration.postgres_server import PostgresServer
from tests.integration.processes import LOOPBACK
from tests.integration.psql import run_script

MASTER = "roles_master"
DATABASE = "roles_it"
OTHER_DATABASE = "roles_it_other"  # another database of the master's, which the app must not use
ROLES = RoleNames(app="roles_it_app", keda="roles_it_keda")
KEDA_QUERY = (
    "SELECT ceil(COUNT(*)::decimal / 16) FROM task_instance"
    " WHERE (state='running' OR state='queued') AND queue IN ('default')"
    " AND executor IS DISTINCT FROM 'KubernetesExecutor'"
)


@dataclass
class Roles:
    server: PostgresServer
    passwords: dict[str, str]  # role -> password

    def connect(self, role: str, database: str = DATABASE) -> psycopg.Connection:
        return psycopg.connect(
            host=LOOPBACK,
            port=self.server.port,
            dbname=database,
            user=role,
            password=self.passwords[role],
            sslmode="require",
            autocommit=True,
        )

    def run(self, script: str) -> None:
        done = run_script(
            script,
            port=self.server.port,
            user=MASTER,
            password=self.passwords[MASTER],
            database=DATABASE,
        )
        assert done.returncode == 0, done.stderr


def _drop_everything(server: PostgresServer) -> None:
    for database in (DATABASE, OTHER_DATABASE):
        server.drop_database(database)
    with server.admin() as conn:
        for role in (ROLES.keda, ROLES.app, MASTER, "roles_it_stranger"):
            conn.execute(
                psycopg.sql.SQL("DROP ROLE IF EXISTS {}").format(psycopg.sql.Identifier(role))
            )


def _existing_deployment(roles: Roles) -> None:
    """What a deployment migrated as the master leaves: its tables, sequences, a view, a type."""
    with roles.connect(MASTER) as conn:
        conn.execute("CREATE TYPE run_state AS ENUM ('queued', 'running')")
        conn.execute("CREATE TABLE dag_run (id serial PRIMARY KEY, state run_state)")
        conn.execute("CREATE TABLE log (id integer GENERATED ALWAYS AS IDENTITY, event text)")
        conn.execute("CREATE SEQUENCE free_sequence")
        conn.execute("CREATE VIEW running AS SELECT id FROM dag_run WHERE state = 'running'")
        conn.execute("CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS 'SELECT 42'")
    with roles.server.admin() as conn:
        conn.execute(f"CREATE DATABASE {OTHER_DATABASE} OWNER {MASTER}")
    with roles.connect(MASTER, OTHER_DATABASE) as conn:
        conn.execute("CREATE TABLE secrets_elsewhere (value text)")


@pytest.fixture(scope="module")
def roles(postgres: PostgresServer) -> Iterator[Roles]:
    _drop_everything(postgres)
    passwords = {name: secrets.token_urlsafe(30) for name in (MASTER, ROLES.app, ROLES.keda)}
    postgres.set_master(MASTER, passwords[MASTER], DATABASE)
    found = Roles(postgres, passwords)
    _existing_deployment(found)
    verifiers = {role: password_verifier(role, passwords[role]) for role in (ROLES.app, ROLES.keda)}
    script = roles_script(DATABASE, verifiers[ROLES.app], verifiers[ROLES.keda], ROLES)
    found.run(script)
    found.run(script)  # idempotent: a second run changes nothing and fails nowhere
    with found.connect(ROLES.app) as conn:  # what the migration creates
        conn.execute(
            f"CREATE TABLE {KEDA_TABLE} (dag_id text, hostname text, state text, queue text,"
            " executor text)"
        )
        conn.execute("CREATE TABLE connection (password text)")
        conn.execute(f"INSERT INTO {KEDA_TABLE} VALUES ('d', 'h', 'queued', 'default', NULL)")
    found.run(keda_grants_script(ROLES))
    found.run(keda_grants_script(ROLES))
    yield found
    _drop_everything(postgres)


def test_the_app_role_owns_the_database_and_everything_in_it(roles: Roles) -> None:
    with roles.connect(ROLES.app) as conn:
        owner = conn.execute(
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"
        ).fetchone()
        owned = conn.execute(
            "SELECT relname, pg_get_userbyid(relowner) FROM pg_class"
            " WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r','v','S')"
            " UNION ALL SELECT typname, pg_get_userbyid(typowner) FROM pg_type"
            " WHERE typnamespace = 'public'::regnamespace AND typtype = 'e'"
            " UNION ALL SELECT proname, pg_get_userbyid(proowner) FROM pg_proc"
            " WHERE pronamespace = 'public'::regnamespace"
        ).fetchall()
        conn.execute("CREATE TABLE made_by_app (id int)")  # and may create more
        conn.execute("DROP TABLE made_by_app")
    assert owner == (ROLES.app,)
    names = {name for name, _ in owned}
    assert {"dag_run", "dag_run_id_seq", "log", "log_id_seq", "free_sequence", "running"} <= names
    assert {"run_state", "answer"} <= names
    assert {who for _, who in owned} == {ROLES.app}


def test_the_roles_have_no_attribute_beyond_login(roles: Roles) -> None:
    with roles.server.admin() as conn:
        rows = conn.execute(
            "SELECT rolname, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls,"
            " rolcanlogin, rolconnlimit FROM pg_roles WHERE rolname = ANY(%s) ORDER BY rolname",
            [[ROLES.app, ROLES.keda]],
        ).fetchall()
        member = conn.execute(
            "SELECT inherit_option, set_option FROM pg_auth_members"
            " WHERE roleid = %s::regrole AND member = %s::regrole AND grantor = member",
            [ROLES.app, MASTER],
        ).fetchall()
    assert rows == [
        (ROLES.app, False, False, False, False, False, True, -1),
        (ROLES.keda, False, False, False, False, False, True, 10),
    ]
    assert member == [(False, True)]  # the master may SET ROLE, never inherits


def test_the_app_role_cannot_touch_another_database(roles: Roles) -> None:
    with roles.connect(ROLES.app, OTHER_DATABASE) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM secrets_elsewhere")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("CREATE TABLE mine (id int)")
    with (
        roles.connect(ROLES.app, "postgres") as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        conn.execute("CREATE TABLE mine (id int)")


def test_only_the_named_roles_may_connect(roles: Roles) -> None:
    stranger = "roles_it_stranger"
    roles.passwords[stranger] = secrets.token_urlsafe(20)
    with roles.server.admin() as conn:
        conn.execute(
            psycopg.sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                psycopg.sql.Identifier(stranger), psycopg.sql.Literal(roles.passwords[stranger])
            )
        )
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        roles.connect(stranger)
    for role in (MASTER, ROLES.app, ROLES.keda):
        roles.connect(role).close()


def test_keda_runs_its_query_and_reads_nothing_else(roles: Roles) -> None:
    with roles.connect(ROLES.keda) as conn:
        assert conn.execute(KEDA_QUERY).fetchone() == (1,)
        assert conn.execute(f"SELECT {', '.join(KEDA_COLUMNS)} FROM {KEDA_TABLE}").fetchall()
        for statement in (
            f"SELECT dag_id FROM {KEDA_TABLE}",
            f"SELECT * FROM {KEDA_TABLE}",
            "SELECT * FROM connection",
            "SELECT * FROM dag_run",
            f"UPDATE {KEDA_TABLE} SET state = 'failed'",
            f"DELETE FROM {KEDA_TABLE}",
            f"INSERT INTO {KEDA_TABLE} (state) VALUES ('queued')",
            "CREATE TABLE mine (id int)",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)


def test_a_revoked_column_goes(roles: Roles) -> None:
    """The grants script revokes first: what KEDA was given beyond its columns is taken back."""
    with roles.connect(ROLES.app) as conn:
        conn.execute(f"GRANT SELECT (dag_id) ON {KEDA_TABLE} TO {ROLES.keda}")
        conn.execute(f"GRANT SELECT ON connection TO {ROLES.keda}")
    roles.run(keda_grants_script(ROLES))
    with roles.connect(ROLES.keda) as conn:
        for statement in (f"SELECT dag_id FROM {KEDA_TABLE}", "SELECT * FROM connection"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
