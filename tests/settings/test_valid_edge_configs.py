"""Valid edge configs keep deploying (offline, the whole program): the bad-input rules must not
refuse what AWS, Helm and Kubernetes accept."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from offline.runner import (
    DELETE,
    PROJECT,
    ProgramRun,
    execute,
    load_stack_config,
    program_run,
    run_main,
)
from tests.airflow.conftest import KNOWN_HOSTS, values
from tests.conftest import cached_run

KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
MRK = "arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab"
THREE_ZONES = [
    {"id": f"subnet-0123456789abcdef{i}", "availabilityZone": f"eu-west-1{zone}"}
    for i, zone in enumerate("abc")
]


def release_values(run: ProgramRun) -> dict[str, Any]:
    return values(run)


def test_three_zones_in_dev() -> None:
    run = cached_run("dev", {f"{PROJECT}:cluster": {"privateSubnets": THREE_ZONES}})
    assert len(run.by_type("aws:efs/mountTarget:MountTarget")) == 3


def test_customer_key_arns() -> None:
    run = cached_run(
        "dev",
        {
            f"{PROJECT}:database": {"kmsKeyArn": KEY},
            f"{PROJECT}:storage": {"kmsKeyArn": MRK},
            f"{PROJECT}:registry": {"enabled": True, "kmsKeyArn": KEY},
        },
    )
    assert run.one("aws:rds/instance:Instance").inputs["kmsKeyId"] == KEY
    assert run.one("aws:efs/fileSystem:FileSystem").inputs["kmsKeyId"] == MRK


def test_ssh_git_sync() -> None:
    git = {
        "repository": "git@github.com:example-org/airflow-dags.git",
        "credentialsSecret": "dags-ssh",
        "knownHosts": KNOWN_HOSTS,
    }
    run = cached_run("dev", {f"{PROJECT}:airflow": {"dags": {"gitSync": git}}})
    assert release_values(run)["dags"]["gitSync"]["sshKeySecret"] == "dags-ssh"


def test_persistence_dags() -> None:
    dags = {"source": "persistence", "gitSync": DELETE}
    run = cached_run("dev", {f"{PROJECT}:airflow": {"dags": dags}})
    assert release_values(run)["dags"]["persistence"]["enabled"] is True


@pytest.mark.parametrize(
    ("stack", "executor"),
    [
        ("dev", "LocalExecutor"),
        ("dev", "CeleryExecutor"),
        ("dev", "KubernetesExecutor"),
        ("dev", "LocalExecutor,KubernetesExecutor"),
        ("prod", "KubernetesExecutor"),
        ("prod", "CeleryExecutor,KubernetesExecutor"),
    ],
)
def test_each_executor_choice(stack: str, executor: str) -> None:
    run = cached_run(stack, {f"{PROJECT}:airflow": {"executor": executor}})
    assert release_values(run)["executor"] == executor


def test_pgbouncer_off_in_prod() -> None:
    run = cached_run("prod", {f"{PROJECT}:airflow": {"pgbouncer": False}})
    assert release_values(run)["pgbouncer"]["enabled"] is False


def test_another_stack_name_with_a_prod_environment() -> None:
    run = program_run(execute("production-eu", load_stack_config("prod"), run_main))
    instance = run.one("aws:rds/instance:Instance")
    assert instance.inputs["identifier"] == f"{PROJECT}-production-eu"
    assert instance.protect and instance.inputs["multiAz"] is True


def _in_partition(region: str, stack: str) -> dict[str, Any]:
    zones = [{**s, "availabilityZone": f"{region}{s['availabilityZone'][-1]}"} for s in THREE_ZONES]
    partition = "aws-cn" if region.startswith("cn-") else "aws-us-gov"
    # The example prod stack lists an IAM policy in the aws partition: a stack there lists its own.
    policy = f"arn:{partition}:iam::123456789012:policy/airflow-dags"
    return {
        "aws:region": region,
        f"{PROJECT}:cluster": {"privateSubnets": zones[:2]},
        f"{PROJECT}:airflow": {"workloadIdentity": {"policyArns": [policy]}},
    }


@pytest.mark.parametrize(
    ("stack", "region", "partition"),
    [("prod", "cn-north-1", "aws-cn"), ("dev", "cn-northwest-1", "aws-cn"),
     ("prod", "us-gov-west-1", "aws-us-gov")],
)  # fmt: skip
def test_every_arn_is_in_the_region_s_partition(stack: str, region: str, partition: str) -> None:
    run = cached_run(stack, _in_partition(region, stack))
    recorded = json.dumps(
        [[r.inputs for r in run.registrations], run.mock_state, run.invokes, run.outputs],
        default=str,
    )
    assert f"arn:{partition}:" in recorded
    wrong = sorted(set(re.findall(r"arn:aws:[^\"\s]{0,60}", recorded)))
    assert not wrong, wrong
