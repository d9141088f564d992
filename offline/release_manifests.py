"""The objects each Helm release of a plan would create, rendered from the pinned chart packages.

The offline plan writes them beside the release's values (`manifests/<release>.yaml`) so that a
pull request's plan diff shows what the cluster would receive, object by object. Secret payloads
are replaced by a marker: a chart may put generated values there, and the plan is published.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from components import pins
from offline.rendering import ChartPackageError, HelmRelease, package_path, render_release

HELM_RELEASE = "kubernetes:helm.sh/v3:Release"
REDACTED = "[secret]"
PINS = {(pin.chart, pin.version): pin for pin in pins.CHARTS}


def releases(records: Iterable[Mapping[str, Any]]) -> list[HelmRelease]:
    """The plan's Helm releases (resources.json records) with the chart pin each one names."""
    found = []
    for record in records:
        if record["type"] != HELM_RELEASE:
            continue
        inputs = record["inputs"]
        pin = PINS.get((inputs["chart"], inputs["version"]))
        if pin is None:
            raise ChartPackageError(
                f"release {inputs['name']}: chart {inputs['chart']} {inputs['version']} "
                "is not pinned in components/pins.py"
            )
        found.append(HelmRelease(pin, inputs["name"], inputs["namespace"], inputs["values"]))
    return found


def object_key(obj: Mapping[str, Any]) -> str:
    """`Kind namespace/name` (cluster-scoped: `Kind name`): the identity the API server knows."""
    meta = obj.get("metadata") or {}
    where = f"{meta['namespace']}/" if meta.get("namespace") else ""
    return f"{obj.get('kind')} {where}{meta.get('name')}"


def redacted(obj: dict[str, Any]) -> dict[str, Any]:
    """The object with every Secret value replaced by a marker (the keys stay: they are names)."""
    if obj.get("kind") == "Secret":
        for field in ("data", "stringData"):
            if isinstance(obj.get(field), dict):
                obj[field] = dict.fromkeys(obj[field], REDACTED)
    return obj


def manifests_text(objects: Iterable[dict[str, Any]]) -> str:
    """One YAML document per object, sorted by identity, so two renders diff object by object."""
    ordered = sorted((redacted(obj) for obj in objects), key=object_key)
    return "".join(
        "---\n" + yaml.safe_dump(obj, sort_keys=True, default_flow_style=False) for obj in ordered
    )


class MissingChartPackagesError(ChartPackageError):
    """Packages are absent (no shared folder, nothing fetched): the manifests cannot be rendered."""


def missing_packages(found: Iterable[HelmRelease], charts_dir: Path | None = None) -> list[Path]:
    return [p for r in found if not (p := package_path(r.pin, charts_dir)).is_file()]


def render_manifests(
    records: Iterable[Mapping[str, Any]], charts_dir: Path | None = None
) -> dict[str, str]:
    """{release name: its objects as YAML}. Raises ChartPackageError for an absent or unpinned
    package (MissingChartPackagesError when absent: the caller may skip the manifests)."""
    found = releases(records)
    if absent := missing_packages(found, charts_dir):
        raise MissingChartPackagesError(
            f"chart packages absent: {', '.join(map(str, absent))} (put the shared folder beside "
            "the checkout, set AIRFLOW_PLATFORM_SHARED, or run `python3 tools/dev.py fetch-charts "
            "<folder>`)"
        )
    return {release.name: manifests_text(render_release(release, charts_dir)) for release in found}


def parse_manifests(text: str) -> dict[str, dict[str, Any]]:
    """{object key: object} of a manifests file this module wrote."""
    documents = (doc for doc in yaml.safe_load_all(text) if doc)
    return {object_key(doc): doc for doc in documents}
