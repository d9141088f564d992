"""offline/rendering.py: pinned packages rendered with Helm's engine, and refused when not pinned."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from components import pins
from components.pins import ChartPin
from offline import reference, rendering
from offline.fetched_packages import provenance_path, provenance_record
from offline.rendering import ChartPackageError, HelmRelease, read_pinned_package, render_release
from tests.conftest import chart_archive
from tests.offline.conftest import package_probe_chart, sha256_of

PINS = (pins.AIRFLOW_CHART, pins.CERT_MANAGER_CHART, pins.KEDA_CHART)


def _probe(objects: list[dict]) -> dict:
    return next(o for o in objects if o["metadata"]["name"].endswith("-probe"))


def test_renders_with_the_release_name_namespace_values_and_kubernetes_version(
    probe_chart: tuple[ChartPin, Path],
) -> None:
    pin, charts_dir = probe_chart
    objects = render_release(HelmRelease(pin, "demo", "team-a", {"greeting": "hi"}), charts_dir)
    probe = _probe(objects)
    assert probe["metadata"] == {"name": "demo-probe", "namespace": "team-a"}
    assert probe["data"] == {
        "kubeVersion": f"v{pins.KUBERNETES_VERSION}.0",
        "namespace": "team-a",
        "greeting": "hi",
    }


def test_hooks_are_rendered_and_notes_are_not(probe_chart: tuple[ChartPin, Path]) -> None:
    pin, charts_dir = probe_chart
    objects = render_release(HelmRelease(pin, "demo", "team-a", {}), charts_dir)
    assert [o["metadata"]["name"] for o in objects] == ["demo-probe", "demo-hook"]
    assert objects[1]["metadata"]["annotations"] == {"helm.sh/hook": "pre-install"}


def test_refuses_a_package_whose_sha256_is_not_pinned(probe_chart: tuple[ChartPin, Path]) -> None:
    pin, charts_dir = probe_chart
    other = ChartPin(pin.repository, pin.chart, pin.version, "0" * 64)
    with pytest.raises(
        ChartPackageError, match=f"sha256 {pin.sha256} is not the pinned 0{{64}}"
    ) as refused:
        render_release(HelmRelease(other, "demo", "team-a", {}), charts_dir)
    assert "no provenance record probe-0.1.0.fetched.json beside it" in str(refused.value)


def _record_fetched(pin: ChartPin, package: Path) -> None:
    """The provenance record tools/fetch_charts.py writes beside the package it fetched."""
    record = provenance_record(
        pin, package.read_bytes(), "https://example.invalid/p.tgz", "", None, "now"
    )
    provenance_path(package).write_text(json.dumps(record))


def _fetched_pin(pin: ChartPin) -> ChartPin:
    """The same chart and version pinned with the sha256 of other bytes (../shared's package)."""
    return ChartPin(pin.repository, pin.chart, pin.version, "0" * 64)


def test_renders_a_fetched_package_whose_provenance_records_its_bytes(
    probe_chart: tuple[ChartPin, Path],
) -> None:
    pin, charts_dir = probe_chart
    fetched = _fetched_pin(pin)
    _record_fetched(fetched, rendering.package_path(fetched, charts_dir))
    objects = render_release(HelmRelease(fetched, "demo", "team-a", {"greeting": "hi"}), charts_dir)
    assert _probe(objects)["data"]["greeting"] == "hi"


def test_refuses_a_fetched_package_changed_after_its_provenance(
    probe_chart: tuple[ChartPin, Path],
) -> None:
    pin, charts_dir = probe_chart
    fetched = _fetched_pin(pin)
    package = rendering.package_path(fetched, charts_dir)
    _record_fetched(fetched, package)
    package.write_bytes(chart_archive("probe", "0.1.0"))  # same name and version, other bytes
    with pytest.raises(
        ChartPackageError,
        match=r"it is not a fetched copy of it: its provenance record .* records sha256",
    ):
        read_pinned_package(fetched, charts_dir)


def test_refuses_a_fetched_package_of_another_chart_or_version(
    probe_chart: tuple[ChartPin, Path],
) -> None:
    pin, charts_dir = probe_chart
    fetched = _fetched_pin(pin)
    package = rendering.package_path(fetched, charts_dir)
    _record_fetched(ChartPin(pin.repository, "probe", "0.2.0", ""), package)
    with pytest.raises(ChartPackageError, match=re.escape("names probe 0.2.0, not probe 0.1.0")):
        read_pinned_package(fetched, charts_dir)
    provenance_path(package).write_text("{not json")
    with pytest.raises(ChartPackageError, match="is unreadable"):
        read_pinned_package(fetched, charts_dir)


def test_refuses_a_fetched_package_whose_chart_yaml_is_not_the_pin(tmp_path: Path) -> None:
    package = tmp_path / "charts" / "probe" / "probe-0.2.0.tgz"
    package.parent.mkdir(parents=True)
    package.write_bytes(chart_archive("probe", "0.1.0"))  # its provenance matches its bytes
    pin = ChartPin("https://example.invalid", "probe", "0.2.0", "0" * 64)
    _record_fetched(pin, package)
    with pytest.raises(
        ChartPackageError, match=re.escape("Chart.yaml says probe 0.1.0, the pin is probe 0.2.0")
    ):
        read_pinned_package(pin, tmp_path / "charts")


def test_refuses_a_package_whose_chart_version_is_not_pinned(tmp_path: Path) -> None:
    charts_dir = tmp_path / "charts"
    archive = package_probe_chart(charts_dir, version="0.1.0")
    renamed = archive.with_name("probe-0.2.0.tgz")
    archive.rename(renamed)  # right bytes for the pin, wrong chart inside
    pin = ChartPin("https://example.invalid", "probe", "0.2.0", sha256_of(renamed))
    with pytest.raises(
        ChartPackageError, match=re.escape("Chart.yaml says probe 0.1.0, the pin is probe 0.2.0")
    ):
        render_release(HelmRelease(pin, "demo", "team-a", {}), charts_dir)


def test_refuses_a_missing_package(tmp_path: Path) -> None:
    pin = ChartPin("https://example.invalid", "probe", "9.9.9", "0" * 64)
    with pytest.raises(ChartPackageError, match=r"no package at .*probe-9\.9\.9\.tgz"):
        read_pinned_package(pin, tmp_path)


def test_renders_are_cached_and_returned_as_fresh_copies(
    probe_chart: tuple[ChartPin, Path],
) -> None:
    pin, charts_dir = probe_chart
    release = HelmRelease(pin, "demo", "team-a", {"greeting": "cached"})
    first = render_release(release, charts_dir)
    first[0]["data"]["greeting"] = "changed by a caller"
    started = time.perf_counter()
    second = render_release(release, charts_dir)
    assert time.perf_counter() - started < 0.05
    assert _probe(second)["data"]["greeting"] == "cached"


@pytest.mark.parametrize("pin", PINS, ids=lambda p: p.chart)
def test_every_pinned_package_is_the_one_its_source_records(
    pin: ChartPin, shared_package: Callable[[ChartPin], Path]
) -> None:
    path = shared_package(pin)
    assert read_pinned_package(pin) == path.read_bytes()
    if provenance_path(path).is_file():  # fetched (tools/fetch_charts.py): its record is checked
        assert json.loads(provenance_path(path).read_text())["sha256"] == sha256_of(path)
        return
    source = (reference.SHARED_DIR / "charts" / pin.chart / "SOURCE.md").read_text()
    recorded = re.search(rf"\| {re.escape(path.name)} \| ([0-9a-f]{{64}}) \|", source)
    assert recorded is not None and recorded.group(1) == pin.sha256


def test_namespaced_objects_land_in_the_release_namespace(
    keda_render: list[dict],
) -> None:
    for obj in keda_render:
        if obj["kind"] in rendering.CLUSTER_SCOPED_KINDS:
            assert "namespace" not in obj["metadata"], obj["metadata"]
        elif obj["metadata"]["name"] != "keda-operator-auth-reader":  # the chart says kube-system
            assert obj["metadata"]["namespace"] == "keda", obj["metadata"]
    kinds = {o["kind"] for o in keda_render}
    assert {"CustomResourceDefinition", "Deployment", "APIService"} <= kinds


def test_a_document_parsed_again_is_a_fresh_copy() -> None:
    """Documents recur across renders (parsed once): what one render's caller or namespace
    filling changes must not reach the next render of the same text."""
    text = "kind: ConfigMap\nmetadata:\n  name: shared\ndata:\n  key: value\n"
    first = rendering._parse_documents([text])
    first[0]["metadata"]["namespace"] = "team-a"
    second = rendering._parse_documents([text])
    assert second == [
        {"kind": "ConfigMap", "metadata": {"name": "shared"}, "data": {"key": "value"}}
    ]
