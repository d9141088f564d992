"""The tier's PostgreSQL behaves like the program's RDS instance: TLS forced, SCRAM, its master user."""

from __future__ import annotations

import psycopg
import pytest

from components.postgres_roles import ROLES
from tests.integration.binaries import POSTGRES_MAJOR
from tests.integration.live import LiveDeployment
from tests.integration.processes import LOOPBACK


def master_dsn(live: LiveDeployment, sslmode: str) -> str:
    rds = live.deployment.rds
    return psycopg.conninfo.make_conninfo(
        host=LOOPBACK,
        port=live.postgres.port,
        dbname=rds["dbName"],
        user=rds["username"],
        password=rds["password"],
        sslmode=sslmode,
    )


def test_the_major_version_the_program_deploys(live: LiveDeployment) -> None:
    assert live.deployment.rds["engineVersion"] == str(POSTGRES_MAJOR)
    with psycopg.connect(master_dsn(live, "require")) as conn:
        assert conn.info.server_version // 10000 == POSTGRES_MAJOR


def test_connections_without_tls_are_refused(live: LiveDeployment) -> None:
    with pytest.raises(psycopg.OperationalError, match="no encryption"):
        psycopg.connect(master_dsn(live, "disable"))


def test_only_hostssl_scram_rules(live: LiveDeployment) -> None:
    with live.postgres.admin() as conn:
        rules = conn.execute(
            "SELECT type, auth_method FROM pg_hba_file_rules WHERE error IS NULL"
        ).fetchall()
    assert rules and set(rules) == {("hostssl", "scram-sha-256")}


def test_master_user_is_no_superuser_and_the_app_role_owns_the_database(
    live: LiveDeployment,
) -> None:
    with psycopg.connect(master_dsn(live, "require")) as conn:
        row = conn.execute(
            "SELECT r.rolsuper, r.rolcreaterole, pg_get_userbyid(d.datdba), s.ssl"
            " FROM pg_roles r, pg_database d, pg_stat_ssl s"
            " WHERE r.rolname = current_user AND d.datname = current_database()"
            " AND s.pid = pg_backend_pid()"
        ).fetchone()
    # The database-roles Job (run by the `live` fixture) handed the database to the app role.
    assert row == (False, True, ROLES.app, True)
