"""components/airflow/values/identity.py: the rendered chart annotates exactly the service accounts
the IAM roles trust, and the pods that need a role run as those accounts."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from components.airflow.service_accounts import account_prefix
from components.airflow.values.identity import ROLE_ANNOTATION, service_account_values
from tests.airflow.conftest import airflow_settings, rendered, rendered_one
from tests.conftest import ProgramRun, cached_run

# Service account -> the identity role (airflow-identity-<key>) it must carry.
EXPECTED = {
    "dev": {"airflow-worker": "tasks"},
    "prod": {
        "airflow-worker": "tasks",
        "airflow-worker-kubernetes": "tasks",
        "airflow-api-server": "api-server",
        "airflow-triggerer": "triggerer",
        "airflow-dag-processor": "dag-processor",
    },
}


def role_arn(run: ProgramRun, key: str) -> str:
    role = run.one("aws:iam/role:Role", f"airflow-identity-{key}")
    return str(run.state(role)["arn"])


def annotated(objects: list[dict[str, Any]]) -> dict[str, str]:
    return {
        o["metadata"]["name"]: o["metadata"]["annotations"][ROLE_ANNOTATION]
        for o in objects
        if o["kind"] == "ServiceAccount"
        and ROLE_ANNOTATION in (o["metadata"].get("annotations") or {})
    }


def test_exactly_the_trusted_accounts_carry_their_role(any_run: ProgramRun) -> None:
    expected = {sa: role_arn(any_run, key) for sa, key in EXPECTED[any_run.stack].items()}
    assert annotated(rendered(any_run)) == expected


def pod_accounts(objects: list[dict[str, Any]]) -> dict[str, str]:
    return {
        o["metadata"]["name"]: o["spec"]["template"]["spec"]["serviceAccountName"]
        for o in objects
        if o["kind"] in ("Deployment", "StatefulSet")
    }


def test_each_component_runs_as_its_own_account(prod_run: ProgramRun) -> None:
    objects = rendered(prod_run)
    accounts = pod_accounts(objects)
    for workload in ("worker", "api-server", "triggerer", "dag-processor", "scheduler"):
        assert accounts[f"airflow-{workload}"] == f"airflow-{workload}", workload
    # The scheduler runs no task code: its account has no role.
    assert "airflow-scheduler" not in annotated(objects)


def test_task_pods_run_as_the_task_account(prod_run: ProgramRun) -> None:
    config = rendered_one(rendered(prod_run), "ConfigMap", "airflow-config")
    template = yaml.safe_load(config["data"]["pod_template_file.yaml"])
    assert template["spec"]["serviceAccountName"] == "airflow-worker-kubernetes"


def test_account_names_follow_the_charts_rule_for_any_release_name() -> None:
    """The chart names accounts `<release>-airflow-<component>` when the release name does not
    contain "airflow": roles trusting `<release>-worker` would trust an account that never exists."""
    run = cached_run("dev", {"airflow-platform:airflow": {"releaseName": "etl"}})
    assert account_prefix("etl") == "etl-airflow"
    assert annotated(rendered(run)) == {"etl-airflow-worker": role_arn(run, "tasks")}
    role = run.one("aws:iam/role:Role", "airflow-identity-tasks")
    assert "system:serviceaccount:airflow:etl-airflow-worker" in role.inputs["assumeRolePolicy"]


@pytest.mark.parametrize("executor", ["CeleryExecutor", "KubernetesExecutor"])
def test_task_pods_get_their_own_account_only_with_the_kubernetes_executor(executor: str) -> None:
    values = service_account_values(airflow_settings(**{"airflow.executor": executor}), {})
    has_own = values.get("workers", {}).get("kubernetes", {}).get("serviceAccount", {})
    assert (has_own == {"create": True}) is (executor == "KubernetesExecutor")
