"""Small Kubernetes snippets that several parts of the chart's values share."""

from __future__ import annotations

from typing import Any

from components.settings import AirflowSettings, PodResources


def resources(cpu: str, memory: str, memory_limit: str | None = None) -> dict[str, Any]:
    """Requests, and a memory limit (no CPU limit: throttling hurts more than it protects)."""
    return {
        "requests": {"cpu": cpu, "memory": memory},
        "limits": {"memory": memory_limit or memory},
    }


def pod_resources(pod: PodResources) -> dict[str, Any]:
    return resources(pod.cpu, pod.memory, pod.memory_limit)


def pod_disruption_budget(enabled: bool) -> dict[str, Any]:
    return {"enabled": enabled, "config": {"maxUnavailable": 1}}


def zone_spread(release: str, component: str, enabled: bool) -> list[dict[str, Any]]:
    """Replicas of one component prefer different zones (a zone outage keeps one)."""
    if not enabled:
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


def keep_annotation(keep: bool) -> dict[str, str]:
    # So that `helm uninstall` does not take the claims (logs, DAGs) with it.
    return {"helm.sh/resource-policy": "keep"} if keep else {}


def log_groomer(settings: AirflowSettings) -> dict[str, Any]:
    """The sidecar that deletes old logs from the shared log volume: after exactly the configured
    retention (the chart's default is 15 days whatever the stack says), and never by size."""
    return {
        "enabled": True,
        "retentionDays": settings.logs.retention_days,
        "retentionMinutes": 0,
        "maxSizeBytes": 0,
        "maxSizePercent": 0,
        "resources": resources("10m", "64Mi", "128Mi"),
    }


def high_availability(settings: AirflowSettings, component: str) -> dict[str, Any]:
    """What keeps a replicated component up through node drains and zone outages."""
    return {
        "podDisruptionBudget": pod_disruption_budget(settings.pod_disruption_budgets),
        "topologySpreadConstraints": zone_spread(
            settings.release_name, component, settings.spread_over_zones
        ),
    }
