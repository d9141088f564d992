"""components/airflow/values/logs.py: task logs on one shared EFS claim."""

from __future__ import annotations

from typing import Any

from components.airflow.values.kubernetes import log_groomer
from components.airflow.values.logs import logs_values
from tests.airflow.conftest import airflow_settings, rendered, values
from tests.conftest import ProgramRun


def test_logs_on_efs_and_no_per_pod_volumes(any_run: ProgramRun) -> None:
    v = values(any_run)
    assert v["logs"]["persistence"]["enabled"] is True
    assert v["logs"]["persistence"]["storageClassName"] == "efs-sc"
    assert v["workers"]["celery"]["persistence"]["enabled"] is False
    assert v["triggerer"]["persistence"]["enabled"] is False
    keep = v["logs"]["persistence"]["annotations"].get("helm.sh/resource-policy")
    assert keep == ("keep" if any_run.stack == "prod" else None)


def test_claims_kept_when_the_settings_say_so() -> None:
    kept = airflow_settings(**{"airflow.keepClaimsOnUninstall": True})
    assert logs_values(kept, "efs-sc")["persistence"]["annotations"] == {
        "helm.sh/resource-policy": "keep"
    }
    assert logs_values(airflow_settings(), "efs-sc")["persistence"]["annotations"] == {}


def _groomers(objects: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every log groomer container the release renders, by the workload that runs it."""
    found = {}
    for obj in objects:
        if obj["kind"] not in ("Deployment", "StatefulSet"):
            continue
        for container in obj["spec"]["template"]["spec"]["containers"]:
            if "/clean-logs" in [*container.get("args", []), *container.get("command", [])]:
                found[obj["metadata"]["name"]] = container
    return found


def test_every_log_groomer_keeps_logs_exactly_the_configured_days(any_run: ProgramRun) -> None:
    # airflow.logs.retentionDays of the example stacks (the environment defaults).
    days = {"dev": "7", "prod": "30"}[any_run.stack]
    groomers = _groomers(rendered(any_run))
    # Each groomer trims the whole shared claim; the workers have no volume of their own to groom.
    assert set(groomers) == {"airflow-scheduler", "airflow-triggerer", "airflow-dag-processor"}
    for workload, container in groomers.items():
        env = {e["name"]: e.get("value") for e in container.get("env", [])}
        assert env["AIRFLOW__LOG_RETENTION_DAYS"] == days, workload
        assert env.get("AIRFLOW__LOG_RETENTION_MINUTES", "0") == "0", workload
        # No size-based trimming deletes logs before their day.
        assert env.get("AIRFLOW__LOG_MAX_SIZE_BYTES", "0") == "0", workload
        assert env.get("AIRFLOW__LOG_MAX_SIZE_PERCENT", "0") == "0", workload


def test_retention_follows_the_setting() -> None:
    settings = airflow_settings(**{"airflow.logs.retentionDays": 3})
    assert log_groomer(settings)["retentionDays"] == 3
