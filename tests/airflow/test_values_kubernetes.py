"""components/airflow/values/kubernetes.py: shared snippets of the chart's values."""

from __future__ import annotations

from components.airflow.values.kubernetes import (
    keep_annotation,
    pod_disruption_budget,
    pod_resources,
    resources,
    zone_spread,
)
from components.settings import PodResources


def test_resources_limit_memory_but_not_cpu() -> None:
    assert resources("100m", "128Mi") == {
        "requests": {"cpu": "100m", "memory": "128Mi"},
        "limits": {"memory": "128Mi"},
    }
    assert resources("100m", "128Mi", "256Mi")["limits"] == {"memory": "256Mi"}


def test_pod_resources_from_settings() -> None:
    pod = PodResources.model_validate({"cpu": "1", "memory": "1Gi", "memoryLimit": "2Gi"})
    assert pod_resources(pod) == resources("1", "1Gi", "2Gi")
    assert pod_resources(PodResources.model_validate({"cpu": "1", "memory": "1Gi"}))["limits"] == {
        "memory": "1Gi"
    }


def test_spreading_and_budgets_only_where_asked() -> None:
    assert zone_spread("rel", "scheduler", False) == []
    (constraint,) = zone_spread("rel", "scheduler", True)
    assert constraint["whenUnsatisfiable"] == "ScheduleAnyway"
    assert constraint["labelSelector"]["matchLabels"]["release"] == "rel"
    assert pod_disruption_budget(False)["enabled"] is False
    assert pod_disruption_budget(True)["config"] == {"maxUnavailable": 1}


def test_claims_kept_on_uninstall_only_where_asked() -> None:
    assert keep_annotation(True) == {"helm.sh/resource-policy": "keep"}
    assert keep_annotation(False) == {}
