"""components/monitoring/airflow_alerts.py: each alert fires on synthetic StatsD-exporter series
and stays quiet on healthy ones, under `promtool test rules`."""

from __future__ import annotations

from pathlib import Path

from components.monitoring import metrics as m
from components.monitoring.airflow_alerts import airflow_alerts
from components.monitoring.target import AirflowTarget
from components.settings.monitoring import AlertThresholds
from tests.monitoring.conftest import STATSD, Case, run_promtool_tests, series

CELERY = {**STATSD, "executor": "CeleryExecutor"}


def _heartbeat_cases(alert: str, metric: str) -> list[Case]:
    return [
        # Ten beats, then silence: firing once `for` (5m) has passed after the rate drops to 0.
        Case(alert, [series(metric, STATSD, "0+1x10 10x30")], 30, [{"namespace": "airflow"}]),
        # Never reported at all: absent() fires, labelled with the selector's namespace and job.
        Case(alert, [series("airflow_unrelated", STATSD, "1x30")], 30, [STATSD]),
        Case(alert, [series(metric, STATSD, "0+1x40")], 30),
    ]


CASES = [
    *_heartbeat_cases("AirflowSchedulerHeartbeatMissing", m.SCHEDULER_HEARTBEAT),
    *_heartbeat_cases("AirflowDagProcessorHeartbeatMissing", m.DAG_PROCESSOR_HEARTBEAT),
    Case("AirflowDagImportErrors", [series(m.DAG_IMPORT_ERRORS, STATSD, "2x30")], 20, [{}]),
    Case("AirflowDagImportErrors", [series(m.DAG_IMPORT_ERRORS, STATSD, "0x30")], 20),
    Case("AirflowDagParsingSlow", [series(m.DAG_TOTAL_PARSE_TIME, STATSD, "90x30")], 20, [{}]),
    Case("AirflowDagParsingSlow", [series(m.DAG_TOTAL_PARSE_TIME, STATSD, "30x30")], 20),
    Case(
        "AirflowExecutorSlotsExhausted",
        [
            series(m.EXECUTOR_OPEN_SLOTS, CELERY, "0x30"),
            series(m.EXECUTOR_QUEUED_TASKS, CELERY, "5x30"),
        ],
        20,
        [{"executor": "CeleryExecutor"}],
    ),
    # One executor: no executor label on the series.
    Case(
        "AirflowExecutorSlotsExhausted",
        [
            series(m.EXECUTOR_OPEN_SLOTS, STATSD, "0x30"),
            series(m.EXECUTOR_QUEUED_TASKS, STATSD, "5x30"),
        ],
        20,
        [{}],
    ),
    Case(
        "AirflowExecutorSlotsExhausted",
        [
            series(m.EXECUTOR_OPEN_SLOTS, CELERY, "3x30"),
            series(m.EXECUTOR_QUEUED_TASKS, CELERY, "5x30"),
        ],
        20,
    ),
    Case(
        "AirflowTaskFailureRatioHigh",
        [series(m.TASK_FAILURES, STATSD, "0+2x60"), series(m.TASK_SUCCESSES, STATSD, "0+3x60")],
        45,
        [{}],
    ),
    Case(
        "AirflowTaskFailureRatioHigh",
        [series(m.TASK_FAILURES, STATSD, "0+1x60"), series(m.TASK_SUCCESSES, STATSD, "0+9x60")],
        45,
    ),
    Case(
        "AirflowDagRunSlow",
        [series(m.DAGRUN_DURATION, {**STATSD, "dag_id": "etl", "quantile": "0.99"}, "5000x20")],
        10,
        [{"dag_id": "etl"}],
    ),
    Case(
        "AirflowDagRunSlow",
        [
            series(m.DAGRUN_DURATION, {**STATSD, "dag_id": "etl", "quantile": "0.99"}, "100x20"),
            # The median of a slow DAG is not its p99.
            series(m.DAGRUN_DURATION, {**STATSD, "dag_id": "etl", "quantile": "0.5"}, "9000x20"),
        ],
        10,
    ),
]


def test_every_airflow_alert_has_a_firing_and_a_quiet_case(
    target: AirflowTarget, thresholds: AlertThresholds
) -> None:
    names = {a.name for a in airflow_alerts(target, thresholds)}
    firing = {c.alert for c in CASES if c.fires_with}
    quiet = {c.alert for c in CASES if not c.fires_with}
    assert names == firing == quiet


def test_airflow_alerts_under_promtool(
    promtool: str, tmp_path: Path, target: AirflowTarget, thresholds: AlertThresholds
) -> None:
    result = run_promtool_tests(promtool, tmp_path, target, thresholds, CASES)
    assert result.returncode == 0, result.stdout + result.stderr
