"""Fixtures for the monitoring tests: promtool, a fixed target and thresholds, rule unit tests.

promtool comes from Debian's `prometheus` package (`.ci/run` installs it). Without it the tests
that need it skip and say why; in CI (CI=true) they fail instead, so CI can never pass silently.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from components.monitoring.rules import rule_groups
from components.monitoring.target import AirflowTarget
from components.settings.monitoring import AlertThresholds

RUNBOOK = "https://example.com/runbooks.md"
STATSD = {"namespace": "airflow", "job": "airflow-statsd"}


def promtool_path() -> str:
    path = shutil.which("promtool")
    if path:
        return path
    reason = "promtool is not installed (apt-get install prometheus)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI must run the rule tests")
    pytest.skip(reason)


@pytest.fixture
def promtool() -> str:
    return promtool_path()


@pytest.fixture
def target() -> AirflowTarget:
    return AirflowTarget(namespace="airflow", release_name="airflow", pgbouncer=True)


@pytest.fixture
def thresholds() -> AlertThresholds:
    return AlertThresholds.model_validate(
        {
            "schedulerHeartbeatMinutes": 5,
            "dagProcessorHeartbeatMinutes": 5,
            "dagImportErrors": 0,
            "dagParseSeconds": 60,
            "taskFailureRatio": 0.2,
            "dagRunSeconds": 3600,
            "pendingPodMinutes": 10,
            "memoryLimitRatio": 0.9,
            "cpuRequestRatio": 2,
            "pgbouncerWaitingClients": 5,
            "rdsCpuPercent": 80,
            "rdsFreeStorageGb": 10,
            "rdsConnections": 100,
            "rdsFreeableMemoryMb": 256,
            "efsIoLimitPercent": 90,
            "efsThroughputPercent": 90,
        }
    )


def series(metric: str, labels: dict[str, str], values: str) -> dict[str, str]:
    body = ", ".join(f'{k}="{v}"' for k, v in labels.items())
    return {"series": f"{metric}{{{body}}}", "values": values}


@dataclass(frozen=True)
class Case:
    """Synthetic series, and the alerts expected `at_minute` (none: the alert stays quiet)."""

    alert: str
    input_series: list[dict[str, str]]
    at_minute: int
    fires_with: list[dict[str, str]] = field(default_factory=list)


def _render(template: str, labels: dict[str, str]) -> str:
    return re.sub(r"\{\{ \$labels\.(\w+) \}\}", lambda m: labels.get(m.group(1), ""), template)


def _expected(rule: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
    return {
        "exp_labels": {**labels, **rule["labels"]},
        "exp_annotations": {k: _render(v, labels) for k, v in rule["annotations"].items()},
    }


def promtool_unit_tests(groups: dict[str, Any], cases: list[Case]) -> dict[str, Any]:
    """A `promtool test rules` file: one test per case, annotations rendered as expected."""
    rules = {r["alert"]: r for g in groups["groups"] for r in g["rules"]}
    return {
        "rule_files": ["rules.yml"],
        "evaluation_interval": "1m",
        "tests": [
            {
                "name": f"{case.alert} {'fires' if case.fires_with else 'stays quiet'} #{i}",
                "interval": "1m",
                "input_series": case.input_series,
                "alert_rule_test": [
                    {
                        "eval_time": f"{case.at_minute}m",
                        "alertname": case.alert,
                        "exp_alerts": [_expected(rules[case.alert], x) for x in case.fires_with],
                    }
                ],
            }
            for i, case in enumerate(cases)
        ],
    }


def run_promtool_tests(
    promtool: str,
    tmp_path: Path,
    target: AirflowTarget,
    thresholds: AlertThresholds,
    cases: list[Case],
) -> subprocess.CompletedProcess[str]:
    groups = rule_groups(target, thresholds, RUNBOOK)
    (tmp_path / "rules.yml").write_text(yaml.safe_dump(groups, sort_keys=False))
    (tmp_path / "tests.yml").write_text(
        yaml.safe_dump(promtool_unit_tests(groups, cases), sort_keys=False)
    )
    return subprocess.run(
        [promtool, "test", "rules", "tests.yml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


def cases_cover_every_alert(groups: dict[str, Any], cases: list[Case]) -> list[str]:
    """Alerts of `groups` lacking a firing or a quiet case."""
    names = {r["alert"] for g in groups["groups"] for r in g["rules"]}
    firing = {c.alert for c in cases if c.fires_with}
    quiet = {c.alert for c in cases if not c.fires_with}
    return sorted(
        [f"{n}: no firing case" for n in names - firing]
        + [f"{n}: no quiet case" for n in names - quiet]
    )
