"""A Grafana dashboard for the same signals as the alerts, as a ConfigMap Grafana's sidecar loads."""

from __future__ import annotations

import json
from typing import Any

from components.monitoring import metrics as m
from components.monitoring.target import AirflowTarget

# (title, unit, [(legend, PromQL)]), two panels a row.
Panel = tuple[str, str, list[tuple[str, str]]]


def airflow_panels(target: AirflowTarget) -> list[Panel]:
    sel = target.selector(job=target.statsd_job)
    p99 = target.selector('quantile="0.99"', job=target.statsd_job)
    return [
        (
            "Heartbeats",
            "ops",
            [
                ("scheduler", f"sum(rate({m.SCHEDULER_HEARTBEAT}{sel}[5m]))"),
                ("DAG processor", f"sum(rate({m.DAG_PROCESSOR_HEARTBEAT}{sel}[5m]))"),
            ],
        ),
        (
            "DAG files parsed",
            "ops",
            [
                ("parses", f"sum(rate({m.DAG_FILES_PARSED}{sel}[5m]))"),
                ("files queued", f"max({m.DAG_FILE_QUEUE_SIZE}{sel})"),
            ],
        ),
        ("DAG import errors", "short", [("files", f"max({m.DAG_IMPORT_ERRORS}{sel})")]),
        ("DAG parse time, all files", "s", [("seconds", f"max({m.DAG_TOTAL_PARSE_TIME}{sel})")]),
        (
            "Executor",
            "short",
            [
                ("open slots {{executor}}", f"max by (executor) ({m.EXECUTOR_OPEN_SLOTS}{sel})"),
                ("queued {{executor}}", f"max by (executor) ({m.EXECUTOR_QUEUED_TASKS}{sel})"),
                ("running {{executor}}", f"max by (executor) ({m.EXECUTOR_RUNNING_TASKS}{sel})"),
            ],
        ),
        (
            "Tasks finished a minute",
            "short",
            [
                ("succeeded", f"sum(rate({m.TASK_SUCCESSES}{sel}[5m])) * 60"),
                ("failed", f"sum(rate({m.TASK_FAILURES}{sel}[5m])) * 60"),
            ],
        ),
        (
            "DAG run duration (p99)",
            "s",
            [("{{dag_id}}", f"max by (dag_id) ({m.DAGRUN_DURATION}{p99})")],
        ),
    ]


def pod_panels(target: AirflowTarget) -> list[Panel]:
    containers = target.selector('container!=""', 'container!="POD"')
    pending = target.selector('phase="Pending"')
    oom_killed = target.selector('reason="OOMKilled"')
    memory = target.selector('resource="memory"')
    cpu = target.selector('resource="cpu"')
    by_container = "by (pod, container)"
    panels: list[Panel] = [
        ("Pods Pending", "short", [("{{pod}}", f"max by (pod) ({m.POD_PHASE}{pending})")]),
        (
            "Container CPU",
            "cores",
            [
                (
                    "{{pod}}/{{container}}",
                    f"sum {by_container} (rate({m.CONTAINER_CPU}{containers}[5m]))",
                ),
                (
                    "request {{pod}}/{{container}}",
                    f"max {by_container} ({m.CONTAINER_REQUESTS}{cpu})",
                ),
            ],
        ),
        (
            "Container memory working set",
            "bytes",
            [
                (
                    "{{pod}}/{{container}}",
                    f"max {by_container} ({m.CONTAINER_MEMORY_WORKING_SET}{containers})",
                ),
                (
                    "limit {{pod}}/{{container}}",
                    f"max {by_container} ({m.CONTAINER_LIMITS}{memory})",
                ),
            ],
        ),
        (
            "Restarts (1h), and last termination by OOM kill",
            "short",
            [
                (
                    "restarts {{pod}}/{{container}}",
                    f"sum {by_container} (increase({m.CONTAINER_RESTARTS}{target.selector()}[1h]))",
                ),
                (
                    "OOM-killed {{pod}}/{{container}}",
                    f"max {by_container} ({m.CONTAINER_LAST_TERMINATED}{oom_killed})",
                ),
            ],
        ),
    ]
    return panels + pgbouncer_panels(target)


def pgbouncer_panels(target: AirflowTarget) -> list[Panel]:
    """Clients waiting for a server connection, where PgBouncer runs."""
    if not target.pgbouncer:
        return []
    pool = target.selector(job=target.pgbouncer_job)
    return [
        (
            "PgBouncer clients waiting",
            "short",
            [
                (
                    "waiting {{database}}",
                    f"max by (database) ({m.PGBOUNCER_WAITING_CLIENTS}{pool})",
                ),
                (
                    "oldest wait (s) {{database}}",
                    f"max by (database) ({m.PGBOUNCER_MAX_WAIT}{pool})",
                ),
            ],
        )
    ]


def _panel(index: int, panel: Panel) -> dict[str, Any]:
    title, unit, queries = panel
    return {
        "id": index + 1,
        "type": "timeseries",
        "title": title,
        "datasource": {"type": "prometheus", "uid": "${datasource}"},
        "gridPos": {"h": 8, "w": 12, "x": 12 * (index % 2), "y": 8 * (index // 2)},
        "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
        "targets": [
            {"refId": chr(ord("A") + i), "expr": expr, "legendFormat": legend}
            for i, (legend, expr) in enumerate(queries)
        ],
    }


def dashboard(target: AirflowTarget) -> dict[str, Any]:
    panels = [*airflow_panels(target), *pod_panels(target)]
    return {
        "uid": f"airflow-{target.namespace}-{target.release_name}"[:40],
        "title": f"Airflow ({target.namespace}/{target.release_name})",
        "tags": ["airflow", "airflow-platform"],
        "timezone": "utc",
        "refresh": "1m",
        "time": {"from": "now-6h", "to": "now"},
        "schemaVersion": 39,
        "templating": {
            "list": [{"name": "datasource", "type": "datasource", "query": "prometheus"}]
        },
        "panels": [_panel(i, p) for i, p in enumerate(panels)],
    }


def dashboard_config_map(
    target: AirflowTarget, labels: dict[str, str], namespace: str | None
) -> dict[str, Any]:
    """The ConfigMap Grafana's dashboard sidecar imports: it watches for `labels`."""
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {
            "name": f"{target.release_name}-dashboard",
            "namespace": namespace or target.namespace,
            "labels": dict(labels),
        },
        "data": {"airflow-platform.json": json.dumps(dashboard(target), indent=1, sort_keys=True)},
    }
