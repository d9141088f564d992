"""Schemas: every object against Kubernetes' OpenAPI schemas (strict), custom resources against the
CRDs the rendered charts install (or, for kinds no chart here installs, the shared CRD schemas).

Strict means what `kubectl apply --validate=strict` means: an unknown field is an error, not a
field the API server silently drops.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource

from components.pins import KUBERNETES_VERSION
from offline.verify.objects import Manifest, embedded_pods, object_id

_K8S_SCHEMAS = "kubernetes-json-schema"


def check_schemas(
    objects: Iterable[Manifest],
    crd_schema_dir: Path | None = None,
    kubernetes_version: str = KUBERNETES_VERSION,
) -> list[str]:
    """One finding per schema violation: `<Kind/namespace/name>: <path>: <message>`."""
    objects = list(objects)
    crds = crd_schemas(objects)
    findings: list[str] = []
    for ident, obj in _with_embedded_pods(objects):
        api_version, kind = str(obj.get("apiVersion", "")), str(obj.get("kind", ""))
        schema = crds.get((api_version, kind))
        if schema is None and "/" in api_version and "." in api_version.split("/")[0]:
            schema = _shared_crd_schema(crd_schema_dir, api_version, kind)
        if schema is not None:
            validator = _crd_validator(json.dumps(schema, sort_keys=True))
        else:
            validator = _kubernetes_validator(kubernetes_version, api_version, kind)
        if validator is None:
            findings.append(
                f"{ident}: no schema for {kind} {api_version} on Kubernetes "
                f"{kubernetes_version}, and no CRD here installs it"
            )
            continue
        for error in sorted(validator.iter_errors(obj), key=lambda e: list(e.absolute_path)):
            path = ".".join(str(p) for p in error.absolute_path) or "(root)"
            findings.append(f"{ident}: {path}: {error.message[:300]}")
    return findings


def _with_embedded_pods(objects: list[Manifest]) -> list[tuple[str, Manifest]]:
    """Each object, and each pod file a ConfigMap carries (the API server gets those later)."""
    result: list[tuple[str, Manifest]] = []
    for obj in objects:
        result.append((object_id(obj), obj))
        result.extend((f"{object_id(obj)}[{key}]", pod) for key, pod in embedded_pods(obj))
    return result


def crd_schemas(objects: Iterable[Manifest]) -> dict[tuple[str, str], dict[str, Any]]:
    """(apiVersion, kind) -> openAPIV3Schema of every served version of every rendered CRD."""
    schemas: dict[tuple[str, str], dict[str, Any]] = {}
    for obj in objects:
        if obj.get("kind") != "CustomResourceDefinition":
            continue
        spec = obj.get("spec") or {}
        for version in spec.get("versions") or []:
            schema = (version.get("schema") or {}).get("openAPIV3Schema")
            if version.get("served") and schema:
                api_version = f"{spec['group']}/{version['name']}"
                schemas[(api_version, spec["names"]["kind"])] = schema
    return schemas


def strict_openapi(schema: Any) -> Any:
    """A CRD's structural schema as JSON Schema that rejects unknown fields (as the API server's
    strict field validation does) and accepts what OpenAPI extensions allow."""
    if isinstance(schema, list):
        return [strict_openapi(item) for item in schema]
    if not isinstance(schema, Mapping):
        return schema
    result = {key: strict_openapi(value) for key, value in schema.items()}
    if result.pop("x-kubernetes-int-or-string", False):
        result.pop("type", None)
        result["anyOf"] = [{"type": "integer"}, {"type": "string"}]
    if result.pop("nullable", False) and isinstance(result.get("type"), str):
        result["type"] = [result["type"], "null"]
    preserve = result.pop("x-kubernetes-preserve-unknown-fields", False)
    if "properties" in result and "additionalProperties" not in result and not preserve:
        result["additionalProperties"] = False
    if result.get("type") == "object" and "properties" in result:
        # metadata is validated by the API server as ObjectMeta, not by the CRD.
        for meta in ("metadata",):
            if meta in result["properties"] and result["properties"][meta].get("type") == "object":
                result["properties"][meta] = {"type": "object"}
    return result


def custom_resource_schema(openapi_schema: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON schema of a whole custom resource from its CRD's openAPIV3Schema (strict)."""
    schema: dict[str, Any] = strict_openapi(openapi_schema)
    properties = schema.setdefault("properties", {})
    for field in ("apiVersion", "kind"):
        properties.setdefault(field, {"type": "string"})
    properties["metadata"] = {"type": "object"}
    return schema


@functools.lru_cache(maxsize=64)
def _crd_validator(schema_json: str) -> jsonschema.protocols.Validator:
    return jsonschema.Draft7Validator(custom_resource_schema(json.loads(schema_json)))


def _shared_crd_schema(
    crd_schema_dir: Path | None, api_version: str, kind: str
) -> dict[str, Any] | None:
    """The shared JSON schema `<group>/<kind>_<version>.json`, if there is one."""
    if crd_schema_dir is None:
        return None
    group, version = api_version.split("/", 1)
    path = crd_schema_dir / group / f"{kind.lower()}_{version}.json"
    if not path.is_file():
        return None
    schema: dict[str, Any] = copy.deepcopy(json.loads(path.read_text()))
    return schema


def _schema_dir(kubernetes_version: str) -> Any:
    """kubernetes-validate's strict schemas for the newest release not after ours."""
    root = resources.files("kubernetes_validate").joinpath(_K8S_SCHEMAS)

    def minor(name: str) -> tuple[int, ...]:
        return tuple(int(p) for p in name[1:].split("-")[0].split(".")[:2])

    wanted = tuple(int(p) for p in kubernetes_version.split(".")[:2])
    candidates = [
        entry.name
        for entry in root.iterdir()
        if entry.name.endswith("-local-strict") and minor(entry.name) <= wanted
    ]
    return root.joinpath(max(candidates, key=minor))


@functools.lru_cache(maxsize=1)
def _definitions_registry(kubernetes_version: str) -> Registry:
    definitions = json.loads(
        _schema_dir(kubernetes_version).joinpath("_definitions.json").read_text()
    )
    return Resource.from_contents(definitions) @ Registry()


@functools.lru_cache(maxsize=256)
def _kubernetes_validator(
    kubernetes_version: str, api_version: str, kind: str
) -> jsonschema.protocols.Validator | None:
    # rbac.authorization.k8s.io/v1 -> rbac-v1; v1 -> v1 (kubernetes-validate's file naming)
    group, _, version = api_version.rpartition("/")
    prefix = f"{group.split('.')[0]}-{version}" if group else version
    path = _schema_dir(kubernetes_version).joinpath(f"{kind.lower()}-{prefix}.json")
    if not path.is_file():
        return None
    schema = json.loads(path.read_text())
    registry = Resource.from_contents(schema) @ _definitions_registry(kubernetes_version)
    return jsonschema.Draft202012Validator(schema, registry=registry)
