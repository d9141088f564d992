"""Alerts on the Airflow pods from kube-state-metrics and cAdvisor, PgBouncer and the scrapes."""

from __future__ import annotations

from components.monitoring import metrics as m
from components.monitoring.alert import Alert
from components.monitoring.target import AirflowTarget
from components.settings.monitoring import AlertThresholds

_CONTAINER = ("namespace", "pod", "container")
_BY_CONTAINER = f"by ({', '.join(_CONTAINER)})"
_ON_CONTAINER = f"on ({', '.join(_CONTAINER)})"


def pod_alerts(target: AirflowTarget, thresholds: AlertThresholds) -> list[Alert]:
    ns = target.selector()
    # cAdvisor also reports the pod's sandbox (container="POD") and pod totals (container="").
    containers = target.selector('container!=""', 'container!="POD"')
    pending = target.selector('phase="Pending"')
    oom_killed = target.selector('reason="OOMKilled"')
    memory = target.selector('resource="memory"')
    cpu = target.selector('resource="cpu"')
    return [
        Alert(
            name="AirflowPodPending",
            expr=f"max by (namespace, pod) ({m.POD_PHASE}{pending}) > 0",
            severity="warning",
            summary="Pod {{ $labels.pod }} is Pending",
            description="Pod {{ $labels.pod }} has not been scheduled or started for "
            f"{thresholds.pending_pod_minutes} minutes: tasks wait for it.",
            for_minutes=thresholds.pending_pod_minutes,
        ),
        Alert(
            name="AirflowContainerOomKilled",
            expr=f"increase({m.CONTAINER_RESTARTS}{ns}[15m]) > 0 and {_ON_CONTAINER} "
            f"{m.CONTAINER_LAST_TERMINATED}{oom_killed} == 1",
            severity="warning",
            summary="Container {{ $labels.container }} of {{ $labels.pod }} was OOM-killed",
            description="The container ran out of its memory limit and was restarted in the "
            "last 15 minutes.",
        ),
        Alert(
            name="AirflowContainerMemoryNearLimit",
            expr=f"max {_BY_CONTAINER} ({m.CONTAINER_MEMORY_WORKING_SET}{containers}) / "
            f"{_ON_CONTAINER} max {_BY_CONTAINER} "
            f"({m.CONTAINER_LIMITS}{memory}) "
            f"> {thresholds.memory_limit_ratio}",
            severity="warning",
            summary="Container {{ $labels.container }} of {{ $labels.pod }} is near its "
            "memory limit",
            description="Its working set has been above "
            f"{thresholds.memory_limit_ratio:.0%} of its memory limit for 15 minutes; "
            "an OOM kill is close.",
            for_minutes=15,
        ),
        Alert(
            name="AirflowContainerCpuAboveRequest",
            expr=f"sum {_BY_CONTAINER} (rate({m.CONTAINER_CPU}{containers}[5m])) / "
            f"{_ON_CONTAINER} max {_BY_CONTAINER} "
            f"({m.CONTAINER_REQUESTS}{cpu}) "
            f"> {thresholds.cpu_request_ratio}",
            severity="warning",
            summary="Container {{ $labels.container }} of {{ $labels.pod }} uses far more CPU "
            "than it requests",
            description=f"It has used more than {thresholds.cpu_request_ratio}x its CPU request "
            "for 30 minutes: under node contention it is starved first.",
            for_minutes=30,
        ),
    ]


def scrape_alerts(target: AirflowTarget, thresholds: AlertThresholds) -> list[Alert]:
    alerts = []
    if target.pgbouncer:
        waiting = target.selector(job=target.pgbouncer_job)
        alerts.append(
            Alert(
                name="AirflowPgBouncerClientsWaiting",
                expr=f"max by (namespace, database) ({m.PGBOUNCER_WAITING_CLIENTS}{waiting}) "
                f"> {thresholds.pgbouncer_waiting_clients}",
                severity="warning",
                summary="Clients wait for a database connection in PgBouncer",
                description="More than "
                f"{thresholds.pgbouncer_waiting_clients} clients of database "
                "{{ $labels.database }} have waited for a server connection for 5 minutes: "
                "the pool is too small or RDS is slow.",
                for_minutes=5,
            )
        )
    for job in target.scrape_jobs:
        sel = target.selector(job=job)
        alerts.append(
            Alert(
                name="AirflowMetricsTargetDown",
                expr=f"{m.TARGET_UP}{sel} == 0 or absent({m.TARGET_UP}{sel})",
                severity="warning",
                summary="Prometheus cannot scrape {{ $labels.job }}",
                description="The {{ $labels.job }} metrics endpoint is down or not discovered: the alerts "
                "that read it are blind.",
                for_minutes=10,
            )
        )
    return alerts
