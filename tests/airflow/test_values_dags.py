"""components/airflow/values/dags.py: DAGs from the image, git-sync or an EFS claim."""

from __future__ import annotations

from typing import Any

import pytest

from tests.airflow.conftest import KNOWN_HOSTS, values
from tests.conftest import DELETE, ProgramRun, cached_run, execute_program


@pytest.mark.parametrize(
    ("dags", "expected"),
    [
        (
            {"source": "image", "gitSync": DELETE},
            {"persistence": {"enabled": False}, "gitSync": {"enabled": False}},
        ),
        (
            {"source": "persistence", "persistence": {"size": "5Gi"}, "gitSync": DELETE},
            {
                "persistence": {
                    "enabled": True,
                    "accessMode": "ReadWriteMany",
                    "storageClassName": "efs-sc",
                    "size": "5Gi",
                    "annotations": {},
                },
                "gitSync": {"enabled": False},
            },
        ),
    ],
)
def test_dag_modes(dags: dict, expected: dict) -> None:
    run = cached_run("dev", {"airflow-platform:airflow": {"dags": dags}})
    assert values(run)["dags"] == expected


def ssh_git_sync(**extra: str) -> dict[str, Any]:
    """Overrides switching the dev stack's git-sync to an ssh repository."""
    git = {"repository": "git@github.com:o/d.git", "credentialsSecret": "dags-ssh", **extra}
    return {"airflow-platform:airflow": {"dags": {"gitSync": git}}}


def test_git_sync_mode(dev_run: ProgramRun) -> None:
    git = values(dev_run)["dags"]["gitSync"]
    assert git["enabled"] is True
    assert git["repo"] == "https://github.com/example-org/airflow-dags.git"
    assert (git["branch"], git["subPath"]) == ("main", "dags")
    assert values(dev_run)["dags"]["persistence"] == {"enabled": False}
    ssh = cached_run("dev", ssh_git_sync(knownHosts=KNOWN_HOSTS))
    assert values(ssh)["dags"]["gitSync"]["sshKeySecret"] == "dags-ssh"
    assert values(ssh)["dags"]["gitSync"]["knownHosts"] == KNOWN_HOSTS
    assert "credentialsSecret" not in values(ssh)["dags"]["gitSync"]


def test_ssh_git_sync_without_host_keys_is_rejected() -> None:
    execution = execute_program("dev", ssh_git_sync())
    assert "airflow-platform:airflow.dags.gitSync.knownHosts:" in str(execution.error)
    assert "knownHosts" in str(execution.error)
    assert execution.monitor.registrations == []


def test_git_sync_and_persistence_together_is_rejected() -> None:
    execution = execute_program(
        "dev", {"airflow-platform:airflow": {"dags": {"persistence": {"size": "5Gi"}}}}
    )
    assert "airflow-platform:airflow.dags.persistence:" in str(execution.error)
    assert "exclusive" in str(execution.error)
    assert execution.monitor.registrations == []
