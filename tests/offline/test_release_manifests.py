"""offline/release_manifests.py: a plan's releases rendered, sorted and with Secret values hidden."""

from __future__ import annotations

from pathlib import Path

import pytest

from components import pins
from offline import release_manifests
from offline.release_manifests import (
    MissingChartPackagesError,
    manifests_text,
    parse_manifests,
    releases,
    render_manifests,
)
from offline.rendering import ChartPackageError


def _release(chart: str = "keda", version: str = pins.KEDA_CHART.version) -> dict:
    inputs = {"chart": chart, "version": version, "name": "keda", "namespace": "keda"}
    return {"type": release_manifests.HELM_RELEASE, "inputs": {**inputs, "values": {}}}


def test_secret_values_are_hidden_and_objects_sorted_by_identity() -> None:
    objects = [
        {"kind": "Secret", "metadata": {"name": "b", "namespace": "n"}, "data": {"k": "c2VjcmV0"}},
        {"kind": "ConfigMap", "metadata": {"name": "a", "namespace": "n"}, "data": {"k": "v"}},
    ]
    text = manifests_text(objects)
    assert "c2VjcmV0" not in text
    parsed = parse_manifests(text)
    assert list(parsed) == ["ConfigMap n/a", "Secret n/b"]
    assert parsed["Secret n/b"]["data"] == {"k": "[secret]"}


def test_a_release_names_its_pin() -> None:
    (found,) = releases([_release(), {"type": "aws:sns/topic:Topic", "inputs": {}}])
    assert (found.pin, found.name, found.namespace) == (pins.KEDA_CHART, "keda", "keda")
    with pytest.raises(ChartPackageError, match=r"chart keda 9\.9\.9 is not pinned"):
        releases([_release(version="9.9.9")])


def test_absent_packages_are_reported_as_such(tmp_path: Path) -> None:
    with pytest.raises(MissingChartPackagesError, match=r"chart packages absent: .*keda-2\.20\.2"):
        render_manifests([_release()], charts_dir=tmp_path)
