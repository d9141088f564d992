"""components/airflow/values/workers.py: Celery workers scaled by KEDA, Redis as their broker."""

from __future__ import annotations

import pytest

from components.airflow.values.workers import workers_values
from tests.airflow.conftest import airflow_settings, values
from tests.conftest import ProgramRun, cached_run, chart_defaults


def test_keda_query_uses_the_configured_worker_concurrency(any_run: ProgramRun) -> None:
    v = values(any_run)
    defaults = chart_defaults("airflow")
    query = v["workers"]["celery"]["keda"].get("query") or defaults["workers"]["keda"]["query"]
    assert "{{ .Values.config.celery.worker_concurrency }}" in query
    assert v["config"]["celery"]["worker_concurrency"] == (16 if any_run.stack == "prod" else 8)


@pytest.mark.parametrize(
    ("executor", "keda"),
    [
        ("CeleryExecutor", True),
        ("KubernetesExecutor", False),
        ("CeleryExecutor,KubernetesExecutor", True),
        ("KubernetesExecutor,CeleryExecutor", True),
        ("LocalExecutor", False),
    ],
)
def test_keda_on_exactly_when_celery_is_an_executor(executor: str, keda: bool) -> None:
    run = cached_run("dev", {"airflow-platform:airflow": {"executor": executor}})
    v = values(run)
    assert v["executor"] == executor
    assert v["workers"]["celery"]["keda"]["enabled"] is keda
    assert v["redis"]["enabled"] is keda
    assert ("celery" in v["config"]) is keda


def test_keda_replica_bounds_from_config() -> None:
    run = cached_run(
        "prod", {"airflow-platform:airflow": {"workers": {"minReplicas": 3, "maxReplicas": 42}}}
    )
    keda = values(run)["workers"]["celery"]["keda"]
    assert (keda["minReplicaCount"], keda["maxReplicaCount"]) == (3, 42)


def test_cooldown_and_worker_sizes_come_from_the_settings() -> None:
    settings = airflow_settings(
        **{
            "airflow.workers.cooldownSeconds": 900,
            "airflow.resources.celeryWorker": {"cpu": "3", "memory": "6Gi"},
            "airflow.resources.kubernetesWorker": {"cpu": "1", "memory": "2Gi"},
        }
    )
    workers = workers_values(settings)
    assert workers["celery"]["keda"]["cooldownPeriod"] == 900
    assert workers["celery"]["resources"]["requests"] == {"cpu": "3", "memory": "6Gi"}
    assert workers["kubernetes"]["resources"]["requests"] == {"cpu": "1", "memory": "2Gi"}
