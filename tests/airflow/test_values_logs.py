"""components/airflow/values/logs.py: task logs on one shared EFS claim."""

from __future__ import annotations

from components.airflow.values.logs import logs_values
from tests.airflow.conftest import airflow_settings, values
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
