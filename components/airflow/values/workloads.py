"""The long-running Airflow components: scheduler, API server, triggerer, DAG processor."""

from __future__ import annotations

from typing import Any

from components.airflow.sign_in import client_secret_env, webserver_config
from components.airflow.values.kubernetes import (
    log_groomer,
    pod_disruption_budget,
    resources,
    spread_over_zones,
)
from components.settings import AirflowSettings


def scheduler_values(settings: AirflowSettings, is_prod: bool) -> dict[str, Any]:
    return {
        "replicas": settings.scheduler_replicas,
        "podDisruptionBudget": pod_disruption_budget(is_prod),
        "topologySpreadConstraints": spread_over_zones(settings.release_name, "scheduler", is_prod),
        "resources": resources("1" if is_prod else "250m", "2Gi" if is_prod else "512Mi"),
        "logGroomerSidecar": log_groomer(),
    }


def api_server_values(
    settings: AirflowSettings, is_prod: bool, trusted_proxy_cidrs: list[str]
) -> dict[str, Any]:
    values: dict[str, Any] = {
        "replicas": settings.api_server_replicas,
        "podDisruptionBudget": pod_disruption_budget(is_prod),
        "topologySpreadConstraints": spread_over_zones(
            settings.release_name, "api-server", is_prod
        ),
        "resources": resources("500m" if is_prod else "250m", "2Gi" if is_prod else "1Gi"),
        # Trust X-Forwarded-* only from inside the VPC (the ingress controller's pods).
        "args": ["bash", "-c", "exec airflow api-server --proxy-headers"],
        "env": [{"name": "FORWARDED_ALLOW_IPS", "value": ",".join(trusted_proxy_cidrs)}],
    }
    oidc = settings.auth.oidc
    if oidc is not None:
        # Single sign-on: FAB's OAuth config, mounted by the chart into the API server only, and
        # the client secret from the operator's Secret by reference.
        values["apiServerConfig"] = webserver_config(oidc)
        values["env"].append(client_secret_env(oidc))
    return values


def triggerer_values(settings: AirflowSettings, is_prod: bool) -> dict[str, Any]:
    return {
        "replicas": settings.triggerer_replicas,
        "persistence": {"enabled": False},
        "podDisruptionBudget": pod_disruption_budget(is_prod),
        "topologySpreadConstraints": spread_over_zones(settings.release_name, "triggerer", is_prod),
        "resources": resources("250m" if is_prod else "100m", "1Gi" if is_prod else "512Mi"),
        "logGroomerSidecar": log_groomer(),
    }


def dag_processor_values(is_prod: bool) -> dict[str, Any]:
    return {
        "enabled": True,
        "replicas": 1,
        "resources": resources("500m" if is_prod else "250m", "1Gi" if is_prod else "512Mi"),
        "logGroomerSidecar": log_groomer(),
    }
