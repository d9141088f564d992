"""Reading manifests: object identity, and the pod templates hidden in workloads and ConfigMaps."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

Manifest = Mapping[str, Any]

# Where each workload kind keeps its pod template.
_TEMPLATE_PATHS: dict[str, tuple[str, ...]] = {
    "Deployment": ("spec", "template"),
    "StatefulSet": ("spec", "template"),
    "DaemonSet": ("spec", "template"),
    "ReplicaSet": ("spec", "template"),
    "Job": ("spec", "template"),
    "CronJob": ("spec", "jobTemplate", "spec", "template"),
}


def namespace_of(obj: Manifest) -> str:
    return str(obj.get("metadata", {}).get("namespace") or "")


def name_of(obj: Manifest) -> str:
    return str(obj.get("metadata", {}).get("name") or "")


def object_id(obj: Manifest) -> str:
    """`Kind/namespace/name`, or `Kind/name` for cluster-scoped objects."""
    namespace = namespace_of(obj)
    return "/".join(p for p in (str(obj.get("kind")), namespace, name_of(obj)) if p)


@dataclass(frozen=True)
class PodTemplate:
    """A pod some object will create: a workload's template, or a pod file in a ConfigMap
    (the KubernetesExecutor's task pods)."""

    owner: str
    namespace: str
    labels: Mapping[str, str]
    annotations: Mapping[str, str]
    spec: Mapping[str, Any] = field(repr=False)
    # A StatefulSet's volumeClaimTemplates: volumes its pods get without declaring them.
    claim_templates: tuple[str, ...] = ()

    def containers(self) -> list[Mapping[str, Any]]:
        """Every container that runs, init containers included."""
        return [*(self.spec.get("initContainers") or []), *(self.spec.get("containers") or [])]


def _dig(obj: Mapping[str, Any], path: tuple[str, ...]) -> Mapping[str, Any] | None:
    current: Any = obj
    for key in path:
        if not isinstance(current, Mapping):
            return None
        current = current.get(key)
    return current if isinstance(current, Mapping) else None


def _template(
    owner: str, namespace: str, pod: Mapping[str, Any], claims: tuple[str, ...] = ()
) -> PodTemplate:
    metadata = pod.get("metadata") or {}
    return PodTemplate(
        owner=owner,
        namespace=namespace,
        labels=dict(metadata.get("labels") or {}),
        annotations=dict(metadata.get("annotations") or {}),
        spec=pod.get("spec") or {},
        claim_templates=claims,
    )


def embedded_pods(obj: Manifest) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Pod manifests stored as ConfigMap values (key, pod)."""
    if obj.get("kind") != "ConfigMap":
        return
    for key, text in sorted((obj.get("data") or {}).items()):
        if not key.endswith((".yaml", ".yml")):
            continue
        try:
            documents = list(yaml.safe_load_all(text))
        except yaml.YAMLError:
            continue
        for document in documents:
            if isinstance(document, Mapping) and document.get("kind") == "Pod":
                yield key, document


def pod_templates(objects: Iterable[Manifest]) -> list[PodTemplate]:
    templates: list[PodTemplate] = []
    for obj in objects:
        kind = str(obj.get("kind"))
        namespace = namespace_of(obj)
        if kind == "Pod":
            templates.append(_template(object_id(obj), namespace, obj))
        elif kind in _TEMPLATE_PATHS:
            pod = _dig(obj, _TEMPLATE_PATHS[kind])
            claims = tuple(
                str(name_of(claim))
                for claim in (obj.get("spec") or {}).get("volumeClaimTemplates") or []
            )
            if pod is not None:
                templates.append(_template(object_id(obj), namespace, pod, claims))
        for key, pod in embedded_pods(obj):
            templates.append(_template(f"{object_id(obj)}[{key}]", namespace, pod))
    return templates


def template_path(kind: str) -> tuple[str, ...] | None:
    return _TEMPLATE_PATHS.get(kind)
