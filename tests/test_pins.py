"""components/pins.py: every pin in one bottom module, matching the reference charts."""

from __future__ import annotations

import ast
import re

import yaml

from components import pins
from offline.fetched_packages import chart_metadata
from tests.conftest import PROJECT_ROOT, chart_file


def test_pins_import_nothing_from_the_project() -> None:
    tree = ast.parse((PROJECT_ROOT / "components" / "pins.py").read_text())
    imported = {
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    } | {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert not {name for name in imported if name.split(".")[0] in ("components", "tools", "tests")}


def test_no_other_module_pins_a_version() -> None:
    version = re.compile(r"""["']v?\d+\.\d+\.\d+(-eksbuild\.\d+)?["']""")
    for path in (PROJECT_ROOT / "components").rglob("*.py"):
        if path.name != "pins.py":
            assert not version.search(path.read_text()), path


def test_pins_match_the_reference_charts() -> None:
    # The packages' own Chart.yaml: the same in ../shared and in a fetch-charts folder.
    for pin in pins.CHARTS:
        chart = chart_metadata(chart_file(pin.chart, f"{pin.chart}-{pin.version}.tgz").read_bytes())
        assert (chart["name"], chart["version"]) == (pin.chart, pin.version)


def test_airflow_image_matches_the_chart_app_version() -> None:
    chart = yaml.safe_load(chart_file("airflow", "Chart.yaml").read_text())
    assert chart["appVersion"] == pins.AIRFLOW_VERSION
    assert f"apache/airflow:{chart['appVersion']}" == pins.AIRFLOW_IMAGE


def test_addon_and_ca_have_the_shapes_aws_accepts() -> None:
    assert re.fullmatch(r"v\d+\.\d+\.\d+-eksbuild\.\d+", pins.EFS_CSI_DRIVER_ADDON_VERSION)
    assert re.fullmatch(r"rds-ca-(rsa2048|rsa4096|ecc384)-g\d", pins.RDS_CA_CERT_IDENTIFIER)
