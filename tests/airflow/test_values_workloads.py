"""components/airflow/values/workloads.py: scheduler, API server, triggerer, DAG processor."""

from __future__ import annotations

from components.airflow.sign_in import CLIENT_SECRET_ENV
from components.airflow.values.workloads import (
    api_server_values,
    dag_processor_values,
    scheduler_values,
    triggerer_values,
)
from tests.airflow.conftest import airflow_settings, values
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
        )
    ]
    if v["redis"]["enabled"]:  # off in prod: the broker is managed
        parts.append(v["redis"])
    parts += [v["workers"]["celery"], v["workers"]["kubernetes"]]
    parts += [v[c]["logGroomerSidecar"] for c in ("scheduler", "triggerer", "dagProcessor")]
    if any_run.stack == "prod":
        parts += [v["pgbouncer"], v["pgbouncer"]["metricsExporterSidecar"]]
    else:
        parts += [v["createUserJob"], v["dags"]["gitSync"]]
    for resources in (p["resources"] for p in parts):
        assert resources["requests"]["cpu"] and resources["requests"]["memory"]
        assert resources["limits"]["memory"]


def test_single_sign_on_reaches_the_api_server_only(prod_run: ProgramRun) -> None:
    v = values(prod_run)
    config = v["apiServer"]["apiServerConfig"]
    assert "AUTH_TYPE = AUTH_OAUTH" in config
    assert "https://example.okta.com/oauth2/default/.well-known/openid-configuration" in config
    assert {
        "name": CLIENT_SECRET_ENV,
        "valueFrom": {"secretKeyRef": {"name": "airflow-oidc", "key": "client-secret"}},
    } in v["apiServer"]["env"]
    assert "webserverConfig" not in v.get("webserver", {})
    assert all(CLIENT_SECRET_ENV not in str(v[c]) for c in ("scheduler", "workers", "triggerer"))


def test_without_single_sign_on_airflow_keeps_its_password_form(dev_run: ProgramRun) -> None:
    api_server = values(dev_run)["apiServer"]
    assert "apiServerConfig" not in api_server
    assert all(e["name"] != CLIENT_SECRET_ENV for e in api_server["env"])


def test_sizes_and_availability_come_from_the_settings() -> None:
    settings = airflow_settings(
        **{
            "airflow.resources.scheduler": {"cpu": "2", "memory": "3Gi", "memoryLimit": "4Gi"},
            "airflow.resources.dagProcessor": {"cpu": "750m", "memory": "768Mi"},
            "airflow.podDisruptionBudgets": True,
            "airflow.spreadOverZones": True,
        }
    )
    scheduler = scheduler_values(settings)
    assert scheduler["resources"] == {
        "requests": {"cpu": "2", "memory": "3Gi"},
        "limits": {"memory": "4Gi"},
    }
    assert dag_processor_values(settings)["resources"]["requests"] == {
        "cpu": "750m",
        "memory": "768Mi",
    }
    for part, label in (
        (scheduler, "scheduler"),
        (api_server_values(settings, []), "api-server"),
        (triggerer_values(settings), "triggerer"),
    ):
        assert part["podDisruptionBudget"]["enabled"] is True
        (spread,) = part["topologySpreadConstraints"]
        assert spread["labelSelector"]["matchLabels"]["component"] == label
    plain = airflow_settings()
    assert scheduler_values(plain)["podDisruptionBudget"]["enabled"] is False
    assert triggerer_values(plain)["topologySpreadConstraints"] == []
