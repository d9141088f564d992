"""offline/verify/schemas.py: Kubernetes 1.33 schemas, strict, and CRDs from the render."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from offline import reference
from offline.verify.schemas import check_schemas, crd_schemas, strict_openapi


def deployment(**container: Any) -> dict[str, Any]:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web", "namespace": "team"},
        "spec": {
            "selector": {"matchLabels": {"app": "web"}},
            "template": {
                "metadata": {"labels": {"app": "web"}},
                "spec": {"containers": [{"name": "web", "image": "nginx:1.29", **container}]},
            },
        },
    }


def scaled_object(**spec: Any) -> dict[str, Any]:
    return {
        "apiVersion": "keda.sh/v1alpha1",
        "kind": "ScaledObject",
        "metadata": {"name": "web", "namespace": "team"},
        "spec": {
            "scaleTargetRef": {"name": "web"},
            "triggers": [{"type": "cpu", "metadata": {"value": "60"}}],
            **spec,
        },
    }


def test_a_valid_object_has_no_findings() -> None:
    assert check_schemas([deployment()]) == []


def test_an_unknown_field_is_an_error_as_with_strict_validation() -> None:
    assert check_schemas([deployment(imagePullPolicy="Always", comand=["x"])]) == [
        "Deployment/team/web: spec.template.spec.containers.0: "
        "Additional properties are not allowed ('comand' was unexpected)"
    ]


def test_a_wrong_type_names_its_path() -> None:
    findings = check_schemas([deployment(ports=[{"containerPort": "http"}])])
    assert len(findings) == 1
    assert findings[0].startswith("Deployment/team/web: spec.template.spec.containers.0.ports.0")


def test_an_api_removed_before_kubernetes_1_33_has_no_schema() -> None:
    old = {"apiVersion": "policy/v1beta1", "kind": "PodDisruptionBudget", "metadata": {"name": "p"}}
    assert check_schemas([old]) == [
        "PodDisruptionBudget/p: no schema for PodDisruptionBudget policy/v1beta1 on Kubernetes "
        "1.33, and no CRD here installs it"
    ]


def test_custom_resources_are_checked_against_the_crds_in_the_render(
    keda_render: list[dict[str, Any]],
) -> None:
    assert ("keda.sh/v1alpha1", "ScaledObject") in crd_schemas(keda_render)
    assert check_schemas([*keda_render, scaled_object(minReplicaCount=1)]) == []
    findings = check_schemas([*keda_render, scaled_object(minReplicas=1, pollingInterval="5")])
    assert findings == [
        "ScaledObject/team/web: spec: Additional properties are not allowed "
        "('minReplicas' was unexpected)",
        "ScaledObject/team/web: spec.pollingInterval: '5' is not of type 'integer'",
    ]
    assert check_schemas([*keda_render, scaled_object(triggers=[])]) == [
        "ScaledObject/team/web: spec.triggers: [] should be non-empty"
    ]


def test_a_custom_resource_without_its_crd_is_reported() -> None:
    assert check_schemas([scaled_object()]) == [
        "ScaledObject/team/web: no schema for ScaledObject keda.sh/v1alpha1 on Kubernetes 1.33, "
        "and no CRD here installs it"
    ]


def test_kinds_no_chart_installs_fall_back_to_the_shared_crd_schemas() -> None:
    schemas = reference.SHARED_DIR / "crd-schemas"
    if not (schemas / "monitoring.coreos.com" / "servicemonitor_v1.json").is_file():
        pytest.skip(f"the ServiceMonitor schema in {schemas} is absent{reference.NOT_FETCHED}")
    monitor = {
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "ServiceMonitor",
        "metadata": {"name": "m", "namespace": "team"},
        "spec": {"selector": {}, "endpoints": [{"port": "metrics", "intervall": "30s"}]},
    }
    findings = check_schemas([monitor], schemas)
    assert len(findings) == 1 and "'intervall' was unexpected" in findings[0], findings


def test_pod_files_in_configmaps_are_validated_as_pods() -> None:
    pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, imagee: x}]}\n"
    config = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "cfg", "namespace": "team"},
        "data": {"pod_template_file.yaml": pod},
    }
    findings = check_schemas([config])
    assert len(findings) == 1 and findings[0].startswith(
        "ConfigMap/team/cfg[pod_template_file.yaml]"
    )


def test_strict_openapi_closes_objects_unless_unknown_fields_are_preserved() -> None:
    schema = {
        "type": "object",
        "properties": {
            "a": {"type": "object", "properties": {"x": {"type": "string"}}},
            "b": {"type": "object", "x-kubernetes-preserve-unknown-fields": True, "properties": {}},
            "c": {"x-kubernetes-int-or-string": True},
            "d": {"type": "string", "nullable": True},
        },
    }
    before = copy.deepcopy(schema)
    strict = strict_openapi(schema)
    assert schema == before
    assert strict["additionalProperties"] is False
    assert strict["properties"]["a"]["additionalProperties"] is False
    assert "additionalProperties" not in strict["properties"]["b"]
    assert strict["properties"]["c"] == {"anyOf": [{"type": "integer"}, {"type": "string"}]}
    assert strict["properties"]["d"]["type"] == ["string", "null"]


def test_crd_versions_that_are_not_served_are_ignored(tmp_path: Path) -> None:
    crd = {
        "kind": "CustomResourceDefinition",
        "spec": {
            "group": "example.com",
            "names": {"kind": "Thing"},
            "versions": [
                {"name": "v1", "served": True, "schema": {"openAPIV3Schema": {"type": "object"}}},
                {"name": "v0", "served": False, "schema": {"openAPIV3Schema": {"type": "object"}}},
            ],
        },
    }
    assert list(crd_schemas([crd])) == [("example.com/v1", "Thing")]
