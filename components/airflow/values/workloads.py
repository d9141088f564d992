"""The long-running Airflow components: scheduler, API server, triggerer, DAG processor."""

from __future__ import annotations

from typing import Any

from components.airflow.sign_in import client_secret_env, webserver_config
from components.airflow.values.kubernetes import high_availability, log_groomer, pod_resources
from components.settings import AirflowSettings


def scheduler_values(settings: AirflowSettings) -> dict[str, Any]:
    return {
        "replicas": settings.scheduler_replicas,
        **high_availability(settings, "scheduler"),
        "resources": pod_resources(settings.resources.scheduler),
        "logGroomerSidecar": log_groomer(settings),
    }


def api_server_values(settings: AirflowSettings, trusted_proxy_cidrs: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {
        "replicas": settings.api_server_replicas,
        **high_availability(settings, "api-server"),
        "resources": pod_resources(settings.resources.api_server),
        # Trust X-Forwarded-* only from inside the VPC (the ingress controller's pods).
        "args": ["bash", "-c", "exec airflow api-server --proxy-headers"],
        "env": [{"name": "FORWARDED_ALLOW_IPS", "value": ",".join(trusted_proxy_cidrs)}],
        "networkPolicy": {"ingress": {"from": api_server_peers(settings)}},
    }
    oidc = settings.auth.oidc
    if oidc is not None:
        # Single sign-on: FAB's OAuth config, mounted by the chart into the API server only, and
        # the client secret from the operator's Secret by reference.
        values["apiServerConfig"] = webserver_config(oidc)
        values["env"].append(client_secret_env(oidc))
    return values


def api_server_peers(settings: AirflowSettings) -> list[dict[str, Any]]:
    """Who may reach the API server: the ingress controller's namespace, and the pods that run
    tasks (Celery workers and the KubernetesExecutor's pods, both labelled `component: worker`),
    which call its Execution API. The chart's policy otherwise admits nobody at all."""
    namespace = {"kubernetes.io/metadata.name": settings.ingress_controller_namespace}
    task_pods = {"tier": "airflow", "component": "worker", "release": settings.release_name}
    return [
        {"namespaceSelector": {"matchLabels": namespace}},
        {"podSelector": {"matchLabels": task_pods}},
    ]


def triggerer_values(settings: AirflowSettings) -> dict[str, Any]:
    return {
        "replicas": settings.triggerer_replicas,
        "persistence": {"enabled": False},
        **high_availability(settings, "triggerer"),
        "resources": pod_resources(settings.resources.triggerer),
        "logGroomerSidecar": log_groomer(settings),
    }


def dag_processor_values(settings: AirflowSettings) -> dict[str, Any]:
    return {
        "enabled": True,
        "replicas": 1,
        "resources": pod_resources(settings.resources.dag_processor),
        "logGroomerSidecar": log_groomer(settings),
    }
