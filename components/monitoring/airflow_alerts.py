"""Alerts on what Airflow reports through StatsD: heartbeats, parsing, executor, tasks, DAG runs."""

from __future__ import annotations

from components.monitoring import metrics as m
from components.monitoring.alert import Alert
from components.monitoring.target import AirflowTarget
from components.settings.monitoring import AlertThresholds


def _heartbeat_missing(
    name: str, metric: str, who: str, target: AirflowTarget, minutes: int
) -> Alert:
    sel = target.selector(job=target.statsd_job)
    # absent(): no heartbeat series at all (never started, or the exporter lost it) also pages.
    return Alert(
        name=name,
        expr=f"sum by (namespace) (rate({metric}{sel}[5m])) == 0 or absent({metric}{sel})",
        severity="critical",
        summary=f"No {who} heartbeat in {target.namespace} for {minutes} minutes",
        description=f"Airflow's {who} has not reported a heartbeat for {minutes} minutes: "
        "it is down, stuck, or cannot reach StatsD.",
        for_minutes=minutes,
    )


def heartbeat_alerts(target: AirflowTarget, thresholds: AlertThresholds) -> list[Alert]:
    return [
        _heartbeat_missing(
            "AirflowSchedulerHeartbeatMissing",
            m.SCHEDULER_HEARTBEAT,
            "scheduler",
            target,
            thresholds.scheduler_heartbeat_minutes,
        ),
        _heartbeat_missing(
            "AirflowDagProcessorHeartbeatMissing",
            m.DAG_PROCESSOR_HEARTBEAT,
            "DAG processor",
            target,
            thresholds.dag_processor_heartbeat_minutes,
        ),
    ]


def parsing_alerts(target: AirflowTarget, thresholds: AlertThresholds) -> list[Alert]:
    sel = target.selector(job=target.statsd_job)
    return [
        Alert(
            name="AirflowDagImportErrors",
            expr=f"max({m.DAG_IMPORT_ERRORS}{sel}) > {thresholds.dag_import_errors}",
            severity="warning",
            summary="DAG files fail to import",
            description=f"More than {thresholds.dag_import_errors} DAG files fail to import: "
            "their DAGs are missing or stale.",
            for_minutes=10,
        ),
        Alert(
            name="AirflowDagParsingSlow",
            expr=f"max({m.DAG_TOTAL_PARSE_TIME}{sel}) > {thresholds.dag_parse_seconds}",
            severity="warning",
            summary="Parsing all DAG files is slow",
            description="One pass over all DAG files takes more than "
            f"{thresholds.dag_parse_seconds} seconds: changes reach the scheduler late.",
            for_minutes=15,
        ),
    ]


def execution_alerts(target: AirflowTarget, thresholds: AlertThresholds) -> list[Alert]:
    sel = target.selector(job=target.statsd_job)
    # With several executors the series carry an `executor` label; with one they carry none.
    open_slots = f"max by (executor) ({m.EXECUTOR_OPEN_SLOTS}{sel})"
    queued = f"max by (executor) ({m.EXECUTOR_QUEUED_TASKS}{sel})"
    failures = f"sum(increase({m.TASK_FAILURES}{sel}[30m]))"
    successes = f"sum(increase({m.TASK_SUCCESSES}{sel}[30m]))"
    p99 = target.selector('quantile="0.99"', job=target.statsd_job)
    return [
        Alert(
            name="AirflowExecutorSlotsExhausted",
            expr=f"{open_slots} == 0 and on (executor) {queued} > 0",
            severity="warning",
            summary="The executor has no open slots and tasks wait",
            description="Tasks have been queued with every executor slot in use for 15 minutes: "
            "parallelism is the bottleneck.",
            for_minutes=15,
        ),
        Alert(
            name="AirflowTaskFailureRatioHigh",
            expr=f"{failures} / ({failures} + {successes}) > {thresholds.task_failure_ratio}",
            severity="warning",
            summary="Many tasks fail",
            description=f"More than {thresholds.task_failure_ratio:.0%} of the tasks finished in "
            "the last 30 minutes failed.",
            for_minutes=5,
        ),
        Alert(
            name="AirflowDagRunSlow",
            expr=f"max by (dag_id) ({m.DAGRUN_DURATION}{p99}) > {thresholds.dag_run_seconds}",
            severity="warning",
            summary="DAG {{ $labels.dag_id }} runs slowly",
            description=f"A successful run of DAG {{{{ $labels.dag_id }}}} took longer than "
            f"{thresholds.dag_run_seconds} seconds.",
        ),
    ]


def airflow_alerts(target: AirflowTarget, thresholds: AlertThresholds) -> list[Alert]:
    return [
        *heartbeat_alerts(target, thresholds),
        *parsing_alerts(target, thresholds),
        *execution_alerts(target, thresholds),
    ]
