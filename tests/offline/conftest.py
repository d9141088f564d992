"""Fixtures of the offline engine's tests: small charts packaged on the fly, and real renders."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from components import pins
from components.pins import ChartPin
from offline import reference
from offline.rendering import HelmRelease, package_path, render_release

PROBE_TEMPLATE = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-probe
data:
  kubeVersion: {{ .Capabilities.KubeVersion.Version | quote }}
  namespace: {{ .Release.Namespace | quote }}
  greeting: {{ .Values.greeting | quote }}
---# a comment on the separator line, as real charts write it
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-hook
  annotations:
    helm.sh/hook: pre-install
"""


def package_probe_chart(charts_dir: Path, name: str = "probe", version: str = "0.1.0") -> Path:
    """A chart that reports what it was rendered with, packaged where the renderer looks."""
    import helm_python

    source = charts_dir.parent / "src" / name
    (source / "templates").mkdir(parents=True)
    (source / "Chart.yaml").write_text(
        yaml.safe_dump({"apiVersion": "v2", "name": name, "version": version})
    )
    (source / "values.yaml").write_text("greeting: hello\n")
    (source / "templates" / "probe.yaml").write_text(PROBE_TEMPLATE)
    (source / "templates" / "NOTES.txt").write_text("not a manifest\n")
    (charts_dir / name).mkdir(parents=True, exist_ok=True)
    return Path(helm_python.package(source, destination=charts_dir / name))


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def probe_chart(tmp_path: Path) -> tuple[ChartPin, Path]:
    """(pin, charts folder) of a freshly packaged probe chart."""
    charts_dir = tmp_path / "charts"
    archive = package_probe_chart(charts_dir)
    pin = ChartPin("https://example.invalid", "probe", "0.1.0", sha256_of(archive))
    assert package_path(pin, charts_dir) == archive
    return pin, charts_dir


def _shared_package(pin: ChartPin) -> Path:
    path = package_path(pin, reference.SHARED_DIR / "charts")
    if not path.is_file():
        pytest.skip(
            f"chart package {path} is absent: put the shared folder beside the checkout "
            "or run `python3 tools/dev.py fetch-charts <folder>` and set AIRFLOW_PLATFORM_SHARED"
        )
    return path


@pytest.fixture
def shared_package() -> Callable[[ChartPin], Path]:
    return _shared_package


@pytest.fixture(scope="session")
def keda_render() -> list[dict[str, Any]]:
    """The pinned KEDA chart with its defaults: its CRDs are the ScaledObject schema."""
    _shared_package(pins.KEDA_CHART)
    return render_release(HelmRelease(pins.KEDA_CHART, "keda", "keda", {}))
