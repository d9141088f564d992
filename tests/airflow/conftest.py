"""Shared look-ups into a program run for the Airflow component's tests."""

from __future__ import annotations

from typing import Any

from tests.conftest import ProgramRun, Registration

RELEASE = "kubernetes:helm.sh/v3:Release"
SECRET = "kubernetes:core/v1:Secret"
KNOWN_HOSTS = (
    "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
)


def release(run: ProgramRun) -> Registration:
    return run.one(RELEASE, "airflow-release")


def values(run: ProgramRun) -> dict[str, Any]:
    return release(run).inputs["values"]


def secret_data(run: ProgramRun, resource_name: str) -> dict[str, str]:
    return run.one(SECRET, f"airflow-{resource_name}").inputs["stringData"]
