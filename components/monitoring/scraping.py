"""ServiceMonitors: Prometheus scrapes the chart's StatsD exporter and PgBouncer's exporter."""

from __future__ import annotations

from typing import Any

from components.monitoring.target import (
    PGBOUNCER_SCRAPE_PORT_NAME,
    STATSD_SCRAPE_PORT_NAME,
    AirflowTarget,
)

SCRAPE_INTERVAL = "30s"


def service_monitor(
    target: AirflowTarget, component: str, port_name: str, selector_labels: dict[str, str]
) -> dict[str, Any]:
    """Selects the chart's Service for `component` in the Airflow namespace only, one port.

    The job label is the Service's name (`<release>-<component>`), which the alerts select on.
    """
    return {
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "ServiceMonitor",
        "metadata": {
            "name": f"{target.release_name}-{component}",
            "namespace": target.namespace,
            "labels": dict(selector_labels),
        },
        "spec": {
            "selector": {"matchLabels": target.component_labels(component)},
            "namespaceSelector": {"matchNames": [target.namespace]},
            "endpoints": [{"port": port_name, "path": "/metrics", "interval": SCRAPE_INTERVAL}],
        },
    }


def service_monitors(
    target: AirflowTarget, selector_labels: dict[str, str]
) -> list[dict[str, Any]]:
    monitors = [service_monitor(target, "statsd", STATSD_SCRAPE_PORT_NAME, selector_labels)]
    if target.pgbouncer:
        monitors.append(
            service_monitor(target, "pgbouncer", PGBOUNCER_SCRAPE_PORT_NAME, selector_labels)
        )
    return monitors
