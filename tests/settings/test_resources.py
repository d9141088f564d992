"""components/settings/resources.py: container requests and limits as a stack writes them."""

from __future__ import annotations

from typing import Any

import pytest

from components.settings import parse_settings
from components.settings.resources import mebibytes, pod_resources
from tests.settings.stacks import VALID_DEV, assert_rejected, with_changes

BAD = [
    ("limit under request", {"cpu": "50m", "memory": "1Gi", "memoryLimit": "512Mi"},
     "airflow-platform:keda.resources.memoryLimit", "got '512Mi'; allowed: at least memory (1Gi)"),
    ("cpu in Mi", {"cpu": "50Mi", "memory": "128Mi", "memoryLimit": "512Mi"},
     "airflow-platform:keda.resources.cpu", "millicores"),
    ("memory in megabits", {"cpu": "50m", "memory": "128Mb", "memoryLimit": "512Mi"},
     "airflow-platform:keda.resources.memory", "in a unit Kubernetes accepts"),
]  # fmt: skip


@pytest.mark.parametrize(("block", "key", "rule"), [pytest.param(*r[1:], id=r[0]) for r in BAD])
def test_bad_resources_are_named(block: dict[str, Any], key: str, rule: str) -> None:
    assert_rejected(with_changes(VALID_DEV, **{"keda.resources": block}), key, rule)


def test_quantities_compare_across_units() -> None:
    assert mebibytes("1Gi") == 1024 and mebibytes("512Mi") == 512 and mebibytes("1Ti") == 1 << 20
    assert pod_resources("1", "1Gi", "1Gi").kubernetes() == {
        "requests": {"cpu": "1", "memory": "1Gi"},
        "limits": {"memory": "1Gi"},
    }


def test_a_partial_override_is_refused_rather_than_half_defaulted() -> None:
    raw = with_changes(VALID_DEV, **{"keda.resources": {"cpu": "100m"}})
    assert_rejected(raw, "airflow-platform:keda.resources.memory", "required")
    assert parse_settings(VALID_DEV).keda.resources.cpu == "50m"
