"""offline/derived_crd_schemas.py: custom resources' schemas from the CRDs the pinned charts render."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema

from components import pins
from components.pins import ChartPin
from offline import reference
from offline.derived_crd_schemas import schema_files, write_crd_schemas

CRD = {
    "apiVersion": "apiextensions.k8s.io/v1",
    "kind": "CustomResourceDefinition",
    "metadata": {"name": "widgets.example.io"},
    "spec": {
        "group": "example.io",
        "names": {"kind": "Widget"},
        "versions": [
            {
                "name": "v1",
                "served": True,
                "schema": {
                    "openAPIV3Schema": {
                        "type": "object",
                        "properties": {
                            "spec": {"type": "object", "properties": {"size": {"type": "integer"}}}
                        },
                    }
                },
            },
            {"name": "v0", "served": False, "schema": {"openAPIV3Schema": {"type": "object"}}},
        ],
    },
}


def _widget(spec: dict) -> dict:
    return {
        "apiVersion": "example.io/v1",
        "kind": "Widget",
        "metadata": {"name": "w"},
        "spec": spec,
    }


def test_each_served_version_becomes_a_strict_schema_file() -> None:
    files = schema_files([CRD, _widget({})])
    assert list(files) == ["example.io/widget_v1.json"]
    validator = jsonschema.Draft7Validator(files["example.io/widget_v1.json"])
    assert list(validator.iter_errors(_widget({"size": 3}))) == []
    errors = [e.message for e in validator.iter_errors(_widget({"size": 3, "colour": "red"}))]
    assert errors == ["Additional properties are not allowed ('colour' was unexpected)"]


def test_the_pinned_keda_chart_yields_the_scaled_object_schema(
    tmp_path: Path, shared_package: Callable[[ChartPin], Path]
) -> None:
    shared_package(pins.KEDA_CHART)  # skips, saying why, without the package
    written = write_crd_schemas(pins.CHARTS[1:], reference.SHARED_DIR / "charts", tmp_path)
    names = {str(p.relative_to(tmp_path)) for p in written}
    assert "keda.sh/scaledobject_v1alpha1.json" in names
    assert not any(name.startswith("cert-manager.io") for name in names), "only the pins given"
    schema = json.loads((tmp_path / "keda.sh" / "scaledobject_v1alpha1.json").read_text())
    scaled: dict[str, Any] = {
        "apiVersion": "keda.sh/v1alpha1",
        "kind": "ScaledObject",
        "metadata": {"name": "web", "namespace": "team"},
        "spec": {"scaleTargetRef": {"name": "web"}, "triggers": [{"type": "cpu", "metadata": {}}]},
    }
    assert list(jsonschema.Draft7Validator(schema).iter_errors(scaled)) == []
    scaled["spec"]["maxReplicaCont"] = 3
    assert list(jsonschema.Draft7Validator(schema).iter_errors(scaled)) != []
