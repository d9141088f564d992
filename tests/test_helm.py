"""components/helm.py and components/versions.py: every chart pinned through one helper."""

from __future__ import annotations

import re

import yaml

from components import versions
from tests.conftest import ProgramRun, chart_file


def test_every_release_is_pinned_and_named(any_run: ProgramRun) -> None:
    releases = any_run.by_type("kubernetes:helm.sh/v3:Release")
    assert {r.inputs["chart"] for r in releases} == {"cert-manager", "keda", "airflow"}
    for release in releases:
        inputs = release.inputs
        assert re.fullmatch(r"v?\d+\.\d+\.\d+", inputs["version"]), inputs["version"]
        assert inputs["repositoryOpts"]["repo"].startswith("https://")
        assert inputs["name"], "a fixed release name (no random suffix)"
        assert inputs["createNamespace"] is False
        assert inputs["cleanupOnFail"] is True
        assert inputs["timeout"] > 0


def test_pins_match_the_reference_charts() -> None:
    for pin in (versions.KEDA_CHART, versions.AIRFLOW_CHART):
        chart = yaml.safe_load(chart_file(pin.chart, "Chart.yaml").read_text())
        assert chart["version"] == pin.version
    source = chart_file("cert-manager", "SOURCE.md").read_text()
    assert versions.CERT_MANAGER_CHART.version in source


def test_airflow_image_matches_the_chart_app_version() -> None:
    chart = yaml.safe_load(chart_file("airflow", "Chart.yaml").read_text())
    assert f"apache/airflow:{chart['appVersion']}" == versions.AIRFLOW_IMAGE
