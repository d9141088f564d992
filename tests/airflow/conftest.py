"""Shared look-ups into a program run for the Airflow component's tests."""

from __future__ import annotations

from typing import Any

from components.settings import AirflowSettings, parse_settings
from tests.conftest import ProgramRun, Registration
from tests.settings.stacks import VALID_DEV, with_changes

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


def airflow_settings(**changes: Any) -> AirflowSettings:
    """The Airflow settings of a valid dev stack with dotted-path changes (see with_changes)."""
    return parse_settings(with_changes(VALID_DEV, **changes)).airflow
