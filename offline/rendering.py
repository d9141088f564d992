"""Render a pinned chart package in-process with Helm's own engine (PyPI helm-python-sdk).

Rendered exactly as the cluster would receive it: the release name, namespace and values the
program registers, hooks included, for the Kubernetes version the program targets. A package
whose bytes (sha256) or Chart.yaml name/version differ from the pin is refused, unless its bytes are
those of a fetched copy of the pinned chart whose provenance record matches them.

Limits of the engine, read from its source (helm_python 0.2.2, Helm v4.2.3 Go SDK):
- `lookup` returns nothing (no cluster), as in `helm template`.
- `Chart.render` does not expose the Kubernetes version; the library's C entry point
  `helm_render` does (`kube_version` option). `_render_templates` is the one place that calls
  that private binding: re-check it when bumping helm-python-sdk.
- Capabilities.APIVersions are Helm's built-in defaults (no CRD API versions from a cluster).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from components.pins import KUBERNETES_VERSION, ChartPin
from offline import reference
from offline.fetched_packages import provenance_problem

# Helm's own manifest splitter (releaseutil.SplitManifests): a `---` line may carry a comment.
_DOCUMENT_SEPARATOR = re.compile(r"(?:^|\s*\n)---\s*")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Kinds the API server keeps outside namespaces; every other kind lands in the release namespace.
CLUSTER_SCOPED_KINDS = frozenset(
    {
        "APIService",
        "ClusterIssuer",
        "ClusterRole",
        "ClusterRoleBinding",
        "CustomResourceDefinition",
        "IngressClass",
        "MutatingWebhookConfiguration",
        "Namespace",
        "PersistentVolume",
        "PriorityClass",
        "StorageClass",
        "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding",
        "ValidatingWebhookConfiguration",
    }
)


class ChartPackageError(Exception):
    """The package on disk is not the one the program pins."""


@dataclass(frozen=True)
class HelmRelease:
    """A release as the program registers it."""

    pin: ChartPin
    name: str
    namespace: str
    values: Mapping[str, Any]


def package_path(pin: ChartPin, charts_dir: Path | None = None) -> Path:
    base = charts_dir if charts_dir is not None else reference.SHARED_DIR / "charts"
    return base / pin.chart / f"{pin.chart}-{pin.version}.tgz"


def read_pinned_package(pin: ChartPin, charts_dir: Path | None = None) -> bytes:
    """The package's bytes, refused unless their sha256 is the pinned one or the package is a
    fetched copy of the pinned chart (tools/fetch_charts.py; offline/fetched_packages.py)."""
    path = package_path(pin, charts_dir)
    if not path.is_file():
        raise ChartPackageError(f"{pin.chart} {pin.version}: no package at {path}")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != pin.sha256 and (problem := provenance_problem(pin, path, data)):
        raise ChartPackageError(
            f"{path}: sha256 {digest} is not the pinned {pin.sha256} "
            f"({pin.chart} {pin.version}), and it is not a fetched copy of it: {problem}; "
            "refusing to render another package"
        )
    return data


def render_release(release: HelmRelease, charts_dir: Path | None = None) -> list[dict[str, Any]]:
    """Every object the release would create (hooks and CRDs included), namespaces filled in.

    Cached per process by package, release and values; each call returns fresh copies.
    """
    values_json = json.dumps(release.values, sort_keys=True)
    base = charts_dir if charts_dir is not None else reference.SHARED_DIR / "charts"
    rendered = _render_cached(release.pin, release.name, release.namespace, values_json, base)
    objects: list[dict[str, Any]] = json.loads(rendered)
    return objects


@functools.lru_cache(maxsize=32)
def _render_cached(
    pin: ChartPin, name: str, namespace: str, values_json: str, charts_dir: Path
) -> str:
    import helm_python

    data = read_pinned_package(pin, charts_dir)
    with helm_python.Chart.load_archive(data) as chart:
        if (chart.name, chart.version) != (pin.chart, pin.version):
            raise ChartPackageError(
                f"{package_path(pin, charts_dir)}: Chart.yaml says {chart.name} "
                f"{chart.version}, the pin is {pin.chart} {pin.version}"
            )
        files = _render_templates(chart, values_json, name, namespace)
        crds = [crd["data"] for crd in chart.crds]
    objects = [*_parse_documents(crds), *_parse_documents(_manifest_files(files))]
    for obj in objects:
        if obj.get("kind") not in CLUSTER_SCOPED_KINDS:
            obj.setdefault("metadata", {}).setdefault("namespace", namespace)
    return json.dumps(objects)


def _render_templates(chart: Any, values_json: str, name: str, namespace: str) -> dict[str, str]:
    """Helm's engine through the library's C entry point, which accepts the Kubernetes version."""
    from helm_python import _native

    options = {
        "name": name,
        "namespace": namespace,
        "is_install": True,
        "kube_version": f"v{KUBERNETES_VERSION}.0",
    }
    rendered = _native.call_string("helm_render", chart._raw(), values_json, json.dumps(options))
    files: dict[str, str] = json.loads(rendered)
    return files


def _manifest_files(files: Mapping[str, str]) -> list[str]:
    """Template outputs Helm installs: not NOTES.txt, not partials; in a stable order."""
    return [
        text
        for path, text in sorted(files.items())
        if not path.endswith("NOTES.txt") and not Path(path).name.startswith("_")
    ]


@functools.lru_cache(maxsize=4096)
def _parse_document(document: str) -> str:
    """One YAML document as JSON, cached: most documents recur across renders (dev and prod,
    each rollout variant) and PyYAML's object construction costs as much as Helm's engine."""
    return json.dumps(yaml.load(document, Loader=_YAML_LOADER))  # a safe loader


def _parse_documents(texts: list[str]) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for text in texts:
        for document in _DOCUMENT_SEPARATOR.split(text):
            if document.strip():
                obj = json.loads(_parse_document(document))
                if obj:
                    objects.append(obj)
    return objects
