"""Where DAG files come from: baked into the image, git-sync, or a shared EFS claim."""

from __future__ import annotations

from typing import Any

from components.airflow.values.kubernetes import keep_annotation, resources
from components.settings import AirflowSettings, GitSyncSettings


def dags_values(settings: AirflowSettings, storage_class_name: str) -> dict[str, Any]:
    dags = settings.dags
    values: dict[str, Any] = {
        "persistence": {"enabled": False},
        "gitSync": {"enabled": False},
    }
    if dags.source == "gitSync":
        assert dags.git_sync is not None  # settings guarantee it
        values["gitSync"] = _git_sync(dags.git_sync)
    elif dags.source == "persistence":
        assert dags.persistence is not None
        values["persistence"] = {
            "enabled": True,
            "accessMode": "ReadWriteMany",
            "storageClassName": storage_class_name,
            "size": dags.persistence.size,
            "annotations": keep_annotation(settings.keep_claims_on_uninstall),
        }
    return values


def _git_sync(git: GitSyncSettings) -> dict[str, Any]:
    values: dict[str, Any] = {
        "enabled": True,
        "repo": git.repository,
        "branch": git.branch,
        "rev": "HEAD",
        "depth": 1,
        "subPath": git.sub_path,
        "period": f"{git.period_seconds}s",
        "resources": resources("20m", "64Mi", "256Mi"),
    }
    if git.uses_ssh:
        # Settings require both for ssh: the chart turns host key checking off without them.
        values["sshKeySecret"] = git.credentials_secret
        values["knownHosts"] = git.known_hosts
    elif git.credentials_secret:
        values["credentialsSecret"] = git.credentials_secret
    return values
