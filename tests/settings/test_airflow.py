"""components/settings/airflow.py: executors, workers, connections and tuning."""

from __future__ import annotations

from typing import Any

import pytest

from components.settings import parse_settings
from tests.settings.stacks import VALID_DEV, assert_rejected, error_of, with_changes

BAD = [
    ("removed Airflow 2 executor", {"airflow.executor": "CeleryKubernetesExecutor"},
     "airflow.executor", "removed in Airflow 3"),
    ("unknown executor", {"airflow.executor": "CeleryExecutor,Dask"}, "airflow.executor",
     "allowed: LocalExecutor, CeleryExecutor, KubernetesExecutor"),
    ("executor twice", {"airflow.executor": "LocalExecutor,LocalExecutor"}, "airflow.executor",
     "listed twice"),
    ("KEDA bounds reversed", {"airflow.workers": {"minReplicas": 5, "maxReplicas": 2}},
     "airflow.workers.maxReplicas", "at least minReplicas (5)"),
    ("malformed host name", {"airflow.host": "not a host"}, "airflow.host",
     "a lowercase DNS name of at least two labels"),
    ("malformed logs size", {"airflow.logsSize": "20GB"}, "airflow.logsSize",
     "in a unit Kubernetes accepts (Mi, Gi, Ti, M, G, T or bytes), e.g. 20Gi"),
    ("pool larger than its clients",
     {"airflow.pgbouncerPoolSize": 200, "airflow.pgbouncerMaxClientConnections": 100},
     "airflow.pgbouncerPoolSize", "at most pgbouncerMaxClientConnections (100)"),
    ("no PgBouncer pods", {"airflow.pgbouncerReplicas": 0}, "airflow.pgbouncerReplicas",
     "greater than or equal to 1"),
    ("negative KEDA cooldown", {"airflow.workers": {"cooldownSeconds": -1}},
     "airflow.workers.cooldownSeconds", "greater than or equal to 0"),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "key", "rule"), [pytest.param(*r[1:], id=r[0]) for r in BAD])
def test_bad_airflow_values_are_named(changes: dict[str, Any], key: str, rule: str) -> None:
    assert_rejected(with_changes(VALID_DEV, **changes), f"airflow-platform:{key}", rule)


def test_multi_executor_list_is_normalised() -> None:
    s = parse_settings(
        with_changes(VALID_DEV, **{"airflow.executor": "CeleryExecutor, KubernetesExecutor"})
    )
    assert s.airflow.executor == "CeleryExecutor,KubernetesExecutor"
    assert s.airflow.uses_celery and s.airflow.uses_kubernetes_executor


def test_connection_ids_become_env_names_and_must_be_unique() -> None:
    conns = [
        {"connId": "warehouse", "secretName": "wh"},
        {"connId": "WAREHOUSE", "secretName": "w2"},
    ]
    assert "must be unique" in str(
        error_of(with_changes(VALID_DEV, **{"airflow.connections": conns}))
    )
    s = parse_settings(with_changes(VALID_DEV, **{"airflow.connections": conns[:1]}))
    assert s.airflow.connections[0].env_name == "AIRFLOW_CONN_WAREHOUSE"


def test_tuning_shared_by_every_environment() -> None:
    s = parse_settings(VALID_DEV).airflow
    assert s.executor == "CeleryExecutor"
    assert s.tuning.scheduler_heartbeat_sec == 5 and s.tuning.delete_worker_pods is True
