"""Small Kubernetes snippets that several parts of the chart's values share."""

from __future__ import annotations

from typing import Any


def resources(cpu: str, memory: str, memory_limit: str | None = None) -> dict[str, Any]:
    """Requests, and a memory limit (no CPU limit: throttling hurts more than it protects)."""
    return {
        "requests": {"cpu": cpu, "memory": memory},
        "limits": {"memory": memory_limit or memory},
    }


def pod_disruption_budget(enabled: bool) -> dict[str, Any]:
    return {"enabled": enabled, "config": {"maxUnavailable": 1}}


def spread_over_zones(release: str, component: str, is_prod: bool) -> list[dict[str, Any]]:
    """In prod, replicas of one component prefer different zones (a zone outage keeps one)."""
    if not is_prod:
        return []
    return [
        {
            "maxSkew": 1,
            "topologyKey": "topology.kubernetes.io/zone",
            "whenUnsatisfiable": "ScheduleAnyway",
            "labelSelector": {
                "matchLabels": {"tier": "airflow", "component": component, "release": release}
            },
        }
    ]


def keep_annotation(is_prod: bool) -> dict[str, str]:
    # `helm uninstall` must not take prod's claims (logs, DAGs) with it.
    return {"helm.sh/resource-policy": "keep"} if is_prod else {}


def log_groomer() -> dict[str, Any]:
    """The sidecar that trims old task logs from the shared log volume."""
    return {"resources": resources("10m", "64Mi", "128Mi")}
