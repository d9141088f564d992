"""components/monitoring/metrics.py: every Airflow metric name the alerts and the dashboard read is
what the chart's statsd-exporter makes of the StatsD name Airflow 3 sends.

The exporter's naming, as statsd_exporter v0.30.0's mapper does it: glob mappings first (`*` is
one dot-separated component), then `match_type: regex` mappings in order, searched unanchored;
an unmatched name has every character outside [A-Za-z0-9_] turned into `_`.
"""

from __future__ import annotations

import re
import tarfile
from typing import Any

import pytest
import yaml

from components.monitoring import metrics as m
from tests.conftest import chart_file

# StatsD names Airflow 3.2 sends (statsd_prefix `airflow`, no tags: neither InfluxDB nor Datadog
# tagging is on): the constant each must become, and the labels it must carry.
SENT: list[tuple[str, str, dict[str, str]]] = [
    ("airflow.scheduler_heartbeat", m.SCHEDULER_HEARTBEAT, {"type": "counter"}),
    ("airflow.dag_processor_heartbeat", m.DAG_PROCESSOR_HEARTBEAT, {"type": "counter"}),
    # One executor: no suffix; several: `.<ExecutorClass>` becomes the `executor` label.
    ("airflow.executor.open_slots", m.EXECUTOR_OPEN_SLOTS, {}),
    (
        "airflow.executor.open_slots.CeleryExecutor",
        m.EXECUTOR_OPEN_SLOTS,
        {"executor": "CeleryExecutor"},
    ),
    ("airflow.executor.queued_tasks", m.EXECUTOR_QUEUED_TASKS, {}),
    (
        "airflow.executor.running_tasks.KubernetesExecutor",
        m.EXECUTOR_RUNNING_TASKS,
        {"executor": "KubernetesExecutor"},
    ),
    # The legacy name (metrics.legacy_names_on, default True) carries the DAG id.
    ("airflow.dagrun.duration.success.etl_daily", m.DAGRUN_DURATION, {"dag_id": "etl_daily"}),
    ("airflow.dag_processing.import_errors", m.DAG_IMPORT_ERRORS, {}),
    ("airflow.dag_processing.total_parse_time", m.DAG_TOTAL_PARSE_TIME, {}),
    ("airflow.dag_processing.file_path_queue_size", m.DAG_FILE_QUEUE_SIZE, {}),
    ("airflow.dag_processing.processes", m.DAG_FILES_PARSED, {}),
    ("airflow.ti_successes", m.TASK_SUCCESSES, {}),
    ("airflow.ti_failures", m.TASK_FAILURES, {}),
]


def chart_mappings() -> list[dict[str, Any]]:
    with tarfile.open(chart_file("airflow", "airflow-1.22.0.tgz")) as tar:
        member = tar.extractfile("airflow/files/statsd-mappings.yml")
        assert member is not None
        # The template comment lines are YAML comments; nothing else in the file is templated.
        return yaml.safe_load(member.read())["mappings"]


def _glob(pattern: str) -> re.Pattern[str]:
    return re.compile("^" + re.escape(pattern).replace(r"\*", "([^.]+)") + "$")


def _expand(template: str, match: re.Match[str]) -> str:
    return re.sub(r"\$(\d+)", lambda group: match.group(int(group.group(1))), template)


def exporter_name(statsd: str, mappings: list[dict[str, Any]]) -> tuple[str, dict[str, str]]:
    globs = [mp for mp in mappings if mp.get("match_type", "glob") == "glob"]
    regexes = [mp for mp in mappings if mp.get("match_type") == "regex"]
    candidates = [(mp, _glob(mp["match"]).match(statsd)) for mp in globs]
    candidates += [(mp, re.search(mp["match"], statsd)) for mp in regexes]
    for mapping, match in candidates:
        if match:
            labels = (mapping.get("labels") or {}).items()
            return mapping["name"], {k: _expand(v, match) for k, v in labels}
    return re.sub(r"[^A-Za-z0-9_]", "_", statsd), {}


@pytest.mark.parametrize(("statsd", "expected", "labels"), SENT)
def test_the_exporter_names_it_as_the_alerts_read_it(
    statsd: str, expected: str, labels: dict[str, str]
) -> None:
    assert exporter_name(statsd, chart_mappings()) == (expected, labels)


def test_the_simulation_follows_the_mapping_file() -> None:
    mappings = chart_mappings()
    assert exporter_name("airflow.pool.open_slots.default_pool", mappings) == (
        "airflow_pool_open_slots",
        {"pool": "default_pool"},
    )
    assert exporter_name("airflow.operator_failures_BashOperator", mappings) == (
        "airflow_operator_failures",
        {"operator": "BashOperator"},
    )
    # The new-style name without the DAG id matches no mapping: a different metric.
    assert exporter_name("airflow.dagrun.duration.success", mappings)[0] != m.DAGRUN_DURATION
