"""The Airflow chart from ../shared rendered with a deployment's values: what the cluster would run.

The tier takes consumers' commands and queries from here, not from copies: the KEDA query and which
variable holds its connection, the migration Job's and create-user Job's command lines and env.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from components.pins import AIRFLOW_CHART
from offline.rendering import HelmRelease, package_path, render_release
from tests.conftest import shared_path


def manifests(values: dict[str, Any], release: str, namespace: str) -> tuple[dict[str, Any], ...]:
    """The release as offline.rendering renders it (pinned package, Kubernetes version, hooks)."""
    path = package_path(AIRFLOW_CHART)
    if not path.is_file():
        shared_path("charts", "airflow", path.name)  # skips, saying where it looked
    return tuple(render_release(HelmRelease(AIRFLOW_CHART, release, namespace, values)))


def one(docs: tuple[dict[str, Any], ...], kind: str, name: str) -> dict[str, Any]:
    found = [d for d in docs if d["kind"] == kind and d["metadata"]["name"] == name]
    assert len(found) == 1, f"expected one {kind} {name}, found {len(found)}"
    return found[0]


def containers(doc: dict[str, Any]) -> Iterator[dict[str, Any]]:
    spec = doc["spec"]["template"]["spec"]
    yield from spec.get("initContainers") or []
    yield from spec["containers"]


def container(doc: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in containers(doc) if c["name"] == name)


def env_source(container_spec: dict[str, Any], variable: str) -> tuple[str, str]:
    """(Secret name, key) a container's environment variable is read from."""
    entry = next(e for e in container_spec.get("env") or [] if e["name"] == variable)
    ref = entry["valueFrom"]["secretKeyRef"]
    return ref["name"], ref["key"]
