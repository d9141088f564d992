"""components/airflow/values/workloads.py: scheduler, API server, triggerer, DAG processor."""

from __future__ import annotations

from tests.airflow.conftest import values
from tests.conftest import ProgramRun


def test_production_shape(prod_run: ProgramRun) -> None:
    v = values(prod_run)
    for component, label in (
        ("scheduler", "scheduler"),
        ("apiServer", "api-server"),
        ("triggerer", "triggerer"),
        ("pgbouncer", "pgbouncer"),
    ):
        assert v[component]["replicas"] >= 2
        assert v[component]["podDisruptionBudget"]["enabled"] is True
        spread = v[component]["topologySpreadConstraints"]
        assert spread[0]["topologyKey"] == "topology.kubernetes.io/zone"
        assert spread[0]["labelSelector"]["matchLabels"] == {
            "tier": "airflow",
            "component": label,
            "release": "airflow",
        }
    assert v["networkPolicies"]["enabled"] is True
    assert v["rbac"]["create"] is True and v["multiNamespaceMode"] is False
    assert v["statsd"]["enabled"] is True


def test_requests_and_limits_on_every_component(any_run: ProgramRun) -> None:
    v = values(any_run)
    parts = [
        v[c]
        for c in (
            "scheduler",
            "apiServer",
            "triggerer",
            "dagProcessor",
            "statsd",
            "migrateDatabaseJob",
            "redis",
        )
    ]
    parts += [v["workers"]["celery"], v["workers"]["kubernetes"]]
    parts += [v[c]["logGroomerSidecar"] for c in ("scheduler", "triggerer", "dagProcessor")]
    if any_run.stack == "prod":
        parts += [v["pgbouncer"], v["pgbouncer"]["metricsExporterSidecar"]]
    else:
        parts += [v["createUserJob"], v["dags"]["gitSync"]]
    for resources in (p["resources"] for p in parts):
        assert resources["requests"]["cpu"] and resources["requests"]["memory"]
        assert resources["limits"]["memory"]
