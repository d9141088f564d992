"""components/airflow/values/security.py: restricted pods for every Airflow chart section, and an
API token (and the chart's Roles) only for the KubernetesExecutor's scheduler and the API server
reading its pods' logs.
(tests/rendered/test_pod_security.py checks what the chart renders from these.)"""

from __future__ import annotations

from typing import Any

import pytest

from components.airflow.values.security import NO_ESCALATION, pod_security_values
from tests.airflow.conftest import airflow_settings, values
from tests.conftest import ProgramRun

RESTRICTED = {"runAsNonRoot": True, "seccompProfile": {"type": "RuntimeDefault"}}
ALL_ON: dict[str, Any] = {"dags": {"gitSync": {"enabled": True}}}


def token(values: dict[str, Any], *path: str) -> Any:
    for part in path:
        values = values[part]
    return values["serviceAccount"]["automountServiceAccountToken"]


def test_every_pod_names_a_user_other_than_root_under_runtime_default() -> None:
    v = pod_security_values(airflow_settings(), ALL_ON)
    pods = {
        "airflow": v["securityContexts"]["pod"],
        "statsd": v["statsd"]["securityContexts"]["pod"],
        "pgbouncer": v["pgbouncer"]["securityContexts"]["pod"],
        "redis": v["redis"]["securityContexts"]["pod"],
    }
    for pod in pods.values():
        assert RESTRICTED.items() <= pod.items() and pod["runAsUser"] > 0
    assert (pods["airflow"]["runAsUser"], pods["airflow"]["fsGroup"]) == (50000, 0)
    assert pods["redis"] == {**RESTRICTED, "runAsUser": 999, "runAsGroup": 999, "fsGroup": 999}
    assert v["securityContexts"]["containers"] == NO_ESCALATION
    git_sync = v["dags"]["gitSync"]["securityContexts"]["container"]
    assert git_sync == {"runAsUser": 65533, "runAsNonRoot": True, **NO_ESCALATION}


@pytest.mark.parametrize(
    ("executor", "api_clients"),
    [("CeleryExecutor", False), ("CeleryExecutor,KubernetesExecutor", True)],
)
def test_only_the_kubernetes_executor_gives_airflow_pods_a_token(
    executor: str, api_clients: bool
) -> None:
    v = pod_security_values(airflow_settings(**{"airflow.executor": executor}), ALL_ON)
    assert token(v, "scheduler") is api_clients and token(v, "apiServer") is api_clients
    # The chart's Roles for it are bound only then, and only the API server reads pod logs.
    assert v["allowPodLaunching"] is api_clients
    assert v["apiServer"]["allowPodLogReading"] is api_clients
    for path in (
        ("triggerer",),
        ("dagProcessor",),
        ("createUserJob",),
        ("migrateDatabaseJob",),
        ("workers", "celery"),
        ("workers", "kubernetes"),
        ("statsd",),
        ("pgbouncer",),
        ("redis",),
    ):
        assert token(v, *path) is False, path


def test_disabled_sections_stay_as_they_are() -> None:
    v = pod_security_values(
        airflow_settings(), {"redis": {"enabled": False}, "dags": {"gitSync": {"enabled": False}}}
    )
    assert "redis" not in v and "dags" not in v and "pgbouncer" in v


def test_the_program_hands_them_to_the_chart(any_run: ProgramRun) -> None:
    v = values(any_run)
    assert RESTRICTED.items() <= v["securityContexts"]["pod"].items()
    assert token(v, "workers", "celery") is False
    if any_run.stack == "prod":  # the managed broker: the chart's Redis stays off, untouched
        assert v["redis"] == {"enabled": False}
        assert token(v, "scheduler") is True
