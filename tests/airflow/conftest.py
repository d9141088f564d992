"""Shared look-ups into a program run for the Airflow component's tests."""

from __future__ import annotations

from typing import Any

import pytest

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


def rendered(run: ProgramRun) -> list[dict[str, Any]]:
    """The Airflow release as Helm would render it from the program's values (skips, saying why,
    without the shared chart package)."""
    from components.pins import AIRFLOW_CHART
    from offline import reference
    from offline.rendering import HelmRelease, package_path, render_release

    path = package_path(AIRFLOW_CHART, reference.SHARED_DIR / "charts")
    if not path.is_file():
        pytest.skip(
            f"chart package {path} is absent: put the shared folder beside the checkout "
            "or run `python3 tools/dev.py fetch-charts <folder>` and set AIRFLOW_PLATFORM_SHARED"
        )
    inputs = release(run).inputs
    return render_release(
        HelmRelease(AIRFLOW_CHART, inputs["name"], inputs["namespace"], inputs["values"])
    )


def rendered_one(objects: list[dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    found = [o for o in objects if o["kind"] == kind and o["metadata"]["name"] == name]
    assert len(found) == 1, f"expected one {kind} {name}, found {len(found)}"
    return found[0]
