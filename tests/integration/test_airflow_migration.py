"""`airflow db migrate` as the chart's migration Job runs it: its command, its environment, its
connection (through PgBouncer's transaction pool in prod), on a fresh database."""

from __future__ import annotations

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
    assert owner == live.deployment.rds["username"]
    assert version, "no alembic revision recorded"
