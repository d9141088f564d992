"""components/airflow/values/logs.py: task logs on one shared EFS claim."""

from __future__ import annotations

from tests.airflow.conftest import values
from tests.conftest import ProgramRun


def test_logs_on_efs_and_no_per_pod_volumes(any_run: ProgramRun) -> None:
    v = values(any_run)
    assert v["logs"]["persistence"]["enabled"] is True
    assert v["logs"]["persistence"]["storageClassName"] == "efs-sc"
    assert v["workers"]["celery"]["persistence"]["enabled"] is False
    assert v["triggerer"]["persistence"]["enabled"] is False
    keep = v["logs"]["persistence"]["annotations"].get("helm.sh/resource-policy")
    assert keep == ("keep" if any_run.stack == "prod" else None)
