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


def test_airflow_builds_the_s3_log_handler_and_secrets_backend_it_is_configured_with(
    airflow: AirflowRuntime,
) -> None:
    """Issue 17: the remote logging and secrets backend options, read back by Airflow 3.2 and its
    Amazon provider from the rendered airflow.cfg, in a Celery worker's environment."""
    config = airflow.live.deployment.values["config"]
    worker = chart.container(airflow.workload("Deployment", "worker"), "worker")
    # boto3 must not wait for an instance metadata endpoint that is not there.
    env = {**airflow.environment(worker), "AWS_EC2_METADATA_DISABLED": "true"}
    finished = airflow.python_probe(PROBES / "aws_backends.py", "", env)
    assert finished.returncode == 0, finished.stderr[-4000:]
    result = json.loads(finished.stdout.strip().splitlines()[-1])
    backends = [b["class"].rsplit(".", 1)[1] for b in result["secrets"]]
    if "secrets" not in config:  # dev: Airflow's own backends only
        assert backends == ["EnvironmentVariablesBackend", "MetastoreBackend"]
        assert result["remote_logs"] is None
        return
    assert backends == ["SecretsManagerBackend", "EnvironmentVariablesBackend", "MetastoreBackend"]
    first = result["secrets"][0]
    assert first["class"] == config["secrets"]["backend"]
    assert (first["connections_prefix"], first["variables_prefix"]) == (
        "airflow/connections",
        "airflow/variables",
    )
    assert first["config_prefix"] is None and first["region"] == "eu-west-1"
    logs = result["remote_logs"]
    assert logs["class"] == "S3RemoteLogIO"
    assert logs["remote_base"] == config["logging"]["remote_base_log_folder"]
    assert logs["delete_local_copy"] is False
    # No connection for the hook: boto3's chain, i.e. the pod's IRSA role.
    assert logs["hook_conn_id"] == ""
    assert logs["supervisor_conn_id"] == "aws_default"
