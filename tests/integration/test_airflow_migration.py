"""`airflow db migrate` as the chart's migration Job runs it: its command, its environment, its
connection (through PgBouncer's transaction pool in prod) as the app role the database-roles
Job created, on a fresh database."""

from __future__ import annotations

from components.postgres_roles import ROLES
from tests.integration.airflow_runtime import Finished
from tests.integration.live import LiveDeployment


def test_migration_job_migrates_a_fresh_database(live: LiveDeployment, migration: Finished) -> None:
    assert migration.returncode == 0, migration.stderr[-4000:]
    with live.postgres.admin(live.deployment.rds["dbName"]) as conn:
        row = conn.execute(
            "SELECT pg_get_userbyid(c.relowner), (SELECT version_num FROM alembic_version)"
            " FROM pg_class c WHERE c.relname = 'task_instance'"
        ).fetchone()
    assert row is not None, "no task_instance table"
    owner, version = row
    assert owner == ROLES.app, "migrated as the app role, not the RDS master"
    assert version, "no alembic revision recorded"


def test_the_app_role_owns_every_table_and_nothing_is_the_masters(
    live: LiveDeployment, migration: Finished
) -> None:
    assert migration.returncode == 0, "needs the migrated database"
    rds = live.deployment.rds
    with live.postgres.admin(rds["dbName"]) as conn:
        owners = conn.execute(
            "SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class"
            " WHERE relnamespace = 'public'::regnamespace"
        ).fetchall()
        database_owner = conn.execute(
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"
        ).fetchone()
    assert owners == [(ROLES.app,)]
    assert database_owner == (ROLES.app,)
