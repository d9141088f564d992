"""components/settings/airflow_capacity.py: pod sizes per component, as Kubernetes accepts them."""

from __future__ import annotations

from typing import Any

import pytest

from components.settings import parse_settings
from components.settings.airflow_capacity import mebibytes
from tests.settings.stacks import VALID_DEV, assert_rejected, prod, with_changes

BAD = [
    ("cores in words", {"airflow.resources.scheduler.cpu": "half"},
     "airflow.resources.scheduler.cpu", "cores (e.g. 1 or 0.5) or millicores ending in m"),
    ("zero cores", {"airflow.resources.scheduler.cpu": "0"},
     "airflow.resources.scheduler.cpu", "e.g. 250m"),
    ("memory in GB", {"airflow.resources.apiServer.memory": "2GB"},
     "airflow.resources.apiServer.memory", "in a unit Kubernetes accepts (Mi, Gi, M, G or bytes), e.g. 512Mi"),
    ("limit below request",
     {"airflow.resources.celeryWorker.memory": "2Gi", "airflow.resources.celeryWorker.memoryLimit": "1536Mi"},
     "airflow.resources.celeryWorker.memoryLimit", "got '1536Mi'; allowed: at least memory (2Gi)"),
    ("unknown component", {"airflow.resources.webserver": {"cpu": "1", "memory": "1Gi"}},
     "airflow.resources.webserver", "unknown key"),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "key", "rule"), [pytest.param(*r[1:], id=r[0]) for r in BAD])
def test_bad_sizes_are_named(changes: dict[str, Any], key: str, rule: str) -> None:
    assert_rejected(with_changes(VALID_DEV, **changes), f"airflow-platform:{key}", rule)


def test_one_component_overridden_keeps_the_others_defaults() -> None:
    raw = prod(**{"airflow.resources.scheduler.memoryLimit": "3Gi"})
    resources = parse_settings(raw).airflow.resources
    assert (resources.scheduler.cpu, resources.scheduler.memory) == ("1", "2Gi")
    assert resources.scheduler.memory_limit == "3Gi"
    assert resources.api_server.memory == "2Gi" and resources.api_server.memory_limit is None


def test_mebibytes() -> None:
    assert mebibytes("512Mi") == 512
    assert mebibytes("2Gi") == 2048
