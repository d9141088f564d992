"""Airflow 3's asynchronous metadata engine (asyncpg), derived by airflow.settings from the
environment the chart gives the API server, many sessions at once, TLS to PostgreSQL."""

from __future__ import annotations

import json

from tests.integration import chart
from tests.integration.airflow_runtime import AirflowRuntime, Finished
from tests.integration.consumers import PROBES


def test_async_engine_as_airflow_derives_it(airflow: AirflowRuntime, migration: Finished) -> None:
    assert migration.returncode == 0, "needs the migrated database"
    api_server = chart.container(airflow.workload("Deployment", "api-server"), "api-server")
    finished = airflow.python_probe(
        PROBES / "airflow_async_engine.py", "", airflow.environment(api_server)
    )
    assert finished.returncode == 0, finished.stderr[-5000:]
    result = json.loads(finished.stdout.strip().splitlines()[-1])
    assert result["driver"] == "asyncpg"
    sessions = result["sessions"]
    assert len(sessions) == 12
    assert all(s["server_tls"] and s["dag_table"] == 1 for s in sessions), sessions
