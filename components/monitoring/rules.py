"""The PrometheusRule holding every alert, grouped by where the signal comes from."""

from __future__ import annotations

from typing import Any

from components.monitoring.airflow_alerts import airflow_alerts
from components.monitoring.alert import Alert
from components.monitoring.kubernetes_alerts import pod_alerts, scrape_alerts
from components.monitoring.target import AirflowTarget
from components.settings.monitoring import AlertThresholds


def alert_groups(target: AirflowTarget, thresholds: AlertThresholds) -> dict[str, list[Alert]]:
    return {
        "airflow": airflow_alerts(target, thresholds),
        "airflow-pods": pod_alerts(target, thresholds),
        "airflow-scrapes": scrape_alerts(target, thresholds),
    }


def rule_groups(
    target: AirflowTarget, thresholds: AlertThresholds, runbook_url: str
) -> dict[str, Any]:
    """The rule file body (`groups:`), as `promtool` and a PrometheusRule's spec both read it."""
    return {
        "groups": [
            {"name": f"{target.namespace}-{name}", "rules": [a.rule(runbook_url) for a in alerts]}
            for name, alerts in alert_groups(target, thresholds).items()
        ]
    }


def prometheus_rule(
    target: AirflowTarget,
    thresholds: AlertThresholds,
    runbook_url: str,
    selector_labels: dict[str, str],
) -> dict[str, Any]:
    """The PrometheusRule object; `selector_labels` are what Prometheus' ruleSelector needs."""
    return {
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "PrometheusRule",
        "metadata": {
            "name": f"{target.release_name}-alerts",
            "namespace": target.namespace,
            "labels": dict(selector_labels),
        },
        "spec": rule_groups(target, thresholds, runbook_url),
    }
