"""components/airflow/values/pgbouncer.py: the chart's PgBouncer, on our own config."""

from __future__ import annotations

from components.airflow.values.pgbouncer import pgbouncer_values
from tests.airflow.conftest import airflow_settings, values
from tests.conftest import ProgramRun


def test_pgbouncer_off_in_dev(dev_run: ProgramRun) -> None:
    assert values(dev_run)["pgbouncer"] == {"enabled": False}
    assert dev_run.by_type("kubernetes:cert-manager.io/v1:Certificate") == []


def test_replicas_and_availability_come_from_the_settings() -> None:
    settings = airflow_settings(
        **{
            "airflow.pgbouncer": True,
            "airflow.pgbouncerReplicas": 3,
            "airflow.spreadOverZones": True,
        }
    )
    values = pgbouncer_values(settings)
    assert values["replicas"] == 3
    assert values["podDisruptionBudget"]["enabled"] is False
    (spread,) = values["topologySpreadConstraints"]
    assert spread["labelSelector"]["matchLabels"]["component"] == "pgbouncer"
