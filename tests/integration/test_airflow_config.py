"""Every `config:` override, read back with `airflow config get-value` from the airflow.cfg the chart
builds from the values, in the scheduler's environment: the value given, and no deprecation."""

from __future__ import annotations

import json

from tests.integration import chart
from tests.integration.airflow_runtime import AirflowRuntime
from tests.integration.consumers import PROBES


def as_airflow_prints(value: object) -> str:
    return str(value)


def test_every_override_reads_back_without_deprecation(airflow: AirflowRuntime) -> None:
    overrides = airflow.live.deployment.values["config"]
    options = [[s, o] for s, entries in overrides.items() for o in entries]
    scheduler = chart.container(airflow.workload("Deployment", "scheduler"), "scheduler")
    finished = airflow.python_probe(
        PROBES / "airflow_config_values.py", json.dumps(options), airflow.environment(scheduler)
    )
    assert finished.returncode == 0, finished.stderr[-4000:]
    result = json.loads(finished.stdout.strip().splitlines()[-1])
    assert len(result["options"]) == len(options) >= 10
    for read in result["options"]:
        section, option = read["section"], read["option"]
        where = f"[{section}] {option}"
        assert read["code"] == 0, f"{where}: {read['stderr']}"
        assert read["value"] == as_airflow_prints(overrides[section][option]), where
        noise = read["warnings"] + [read["stderr"]]
        assert not [w for w in noise if "deprecat" in w.lower()], f"{where}: {noise}"
    deprecations = [w for w in result["startup_warnings"] if "deprecat" in w.lower()]
    assert not deprecations, deprecations
