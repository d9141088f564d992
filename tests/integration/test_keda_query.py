"""KEDA's Celery query, as the chart renders it into the ScaledObject, on the connection KEDA reads
(`kedaConnection` straight to RDS as KEDA's own role when PgBouncer is on; the worker's own, the
app role's, without), over TLS, on the migrated schema."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy.engine import make_url

from components.postgres_roles import ROLES
from tests.integration import chart
from tests.integration.airflow_runtime import AirflowRuntime, Finished


def test_keda_query_on_the_connection_keda_reads(
    airflow: AirflowRuntime, migration: Finished
) -> None:
    assert migration.returncode == 0, "needs the migrated database"
    live = airflow.live
    scaled = airflow.workload("ScaledObject", "worker")
    [trigger] = scaled["spec"]["triggers"]
    assert trigger["type"] == "postgresql"
    metadata = trigger["metadata"]
    # KEDA reads the variable from the scale target's container (envSourceContainerName).
    worker = chart.container(
        airflow.workload("Deployment", "worker"),
        scaled["spec"]["scaleTargetRef"]["envSourceContainerName"],
    )
    secret_name, key = chart.env_source(worker, metadata["connectionFromEnv"])
    url = live.deployment.secret(secret_name)[key]
    if live.pgbouncer is not None:
        assert key == "kedaConnection" and live.deployment.rds_address in url, (
            "KEDA bypasses PgBouncer"
        )
        # Its own role, which reads nothing but its query's columns.
        assert make_url(url).username == ROLES.keda
    with psycopg.connect(live.local(url)) as conn:
        value_row = conn.execute(metadata["query"]).fetchone()
        tls_row = conn.execute(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
        ).fetchone()
        if live.pgbouncer is not None:
            for statement in (
                "SELECT dag_id FROM task_instance",
                "SELECT * FROM connection",
                "DELETE FROM task_instance",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(statement)
                conn.rollback()
    assert value_row is not None and tls_row is not None
    [value], [tls] = value_row, tls_row
    assert value == 0  # no task queued or running yet
    assert tls is True
