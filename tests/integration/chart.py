"""The Airflow chart from ../shared rendered with a deployment's values: what the cluster would run.

The tier takes consumers' commands and queries from here, not from copies: the KEDA query and which
variable holds its connection, the migration Job's and create-user Job's command lines and env.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from typing import Any

import yaml

from components.pins import AIRFLOW_CHART
from tests.conftest import shared_path


@functools.cache
def _render(values_json: str, release: str, namespace: str) -> tuple[dict[str, Any], ...]:
    from helm_python import Chart

    package = shared_path("charts", "airflow", f"airflow-{AIRFLOW_CHART.version}.tgz")
    with Chart.load(str(package)) as chart:
        files = chart.render(values=json.loads(values_json), name=release, namespace=namespace)
    return tuple(
        doc
        for path, text in files.items()
        if path.endswith((".yaml", ".yml"))
        for doc in yaml.safe_load_all(text)
        if isinstance(doc, dict) and doc.get("kind")
    )


def manifests(values: dict[str, Any], release: str, namespace: str) -> tuple[dict[str, Any], ...]:
    return _render(json.dumps(values, sort_keys=True), release, namespace)


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
