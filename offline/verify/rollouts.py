"""Rollouts: a change of any Secret or ConfigMap a long-running pod reads changes that pod's
template (a checksum annotation or equivalent), so the pods restart and pick it up.

Checked on two states of the same program: every Deployment, StatefulSet or DaemonSet that reads
an object whose content differs between them must have a different pod template. Jobs and the
pod files the KubernetesExecutor reads start afresh each time, so they need no rollout.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from offline.verify.objects import Manifest, PodTemplate, name_of, namespace_of, pod_templates

LONG_RUNNING = ("Deployment/", "StatefulSet/", "DaemonSet/")
_CONTENT = {"Secret": ("data", "stringData", "type"), "ConfigMap": ("data", "binaryData")}


def content(obj: Manifest) -> str:
    return json.dumps({part: obj.get(part) for part in _CONTENT[str(obj["kind"])]}, sort_keys=True)


def _configs(objects: Iterable[Manifest]) -> dict[str, str]:
    return {
        f"{obj['kind']}/{namespace_of(obj)}/{name_of(obj)}": content(obj)
        for obj in objects
        if obj.get("kind") in _CONTENT
    }


def reads(pod: PodTemplate) -> set[str]:
    """`Kind/namespace/name` of every Secret and ConfigMap the pod reads (env, envFrom, volumes)."""
    return {f"{kind}/{pod.namespace}/{name}" for kind, name in _read_names(pod)}


def _read_names(pod: PodTemplate) -> Iterator[tuple[str, Any]]:
    for container in pod.containers():
        for env in container.get("env") or []:
            source = env.get("valueFrom") or {}
            if "secretKeyRef" in source:
                yield "Secret", source["secretKeyRef"].get("name")
            if "configMapKeyRef" in source:
                yield "ConfigMap", source["configMapKeyRef"].get("name")
        for env_from in container.get("envFrom") or []:
            if "secretRef" in env_from:
                yield "Secret", env_from["secretRef"].get("name")
            if "configMapRef" in env_from:
                yield "ConfigMap", env_from["configMapRef"].get("name")
    for volume in pod.spec.get("volumes") or []:
        if "secret" in volume:
            yield "Secret", volume["secret"].get("secretName")
        if "configMap" in volume:
            yield "ConfigMap", volume["configMap"].get("name")
        for source in (volume.get("projected") or {}).get("sources") or []:
            if "secret" in source:
                yield "Secret", source["secret"].get("name")
            if "configMap" in source:
                yield "ConfigMap", source["configMap"].get("name")


def _templates(objects: Iterable[Manifest]) -> dict[str, PodTemplate]:
    return {p.owner: p for p in pod_templates(objects) if p.owner.startswith(LONG_RUNNING)}


def _template_json(pod: PodTemplate) -> str:
    return json.dumps(
        {"labels": pod.labels, "annotations": pod.annotations, "spec": pod.spec}, sort_keys=True
    )


def check_rollouts(before: Iterable[Manifest], after: Iterable[Manifest]) -> list[str]:
    """One finding per long-running pod that would keep running on a changed Secret/ConfigMap."""
    before, after = list(before), list(after)
    old_configs, new_configs = _configs(before), _configs(after)
    changed = {k for k, v in new_configs.items() if k in old_configs and old_configs[k] != v}
    old_pods = _templates(before)
    findings = []
    for owner, pod in sorted(_templates(after).items()):
        stale = sorted(reads(pod) & changed)
        old = old_pods.get(owner)
        if stale and old is not None and _template_json(old) == _template_json(pod):
            findings.append(
                f"{owner}: reads {', '.join(stale)}, which changed, but its pod template did not"
            )
    return findings


def changed_configs(before: Iterable[Manifest], after: Iterable[Manifest]) -> list[str]:
    """The Secrets and ConfigMaps whose content differs (to show a test changed something)."""
    old, new = _configs(before), _configs(after)
    return sorted(k for k, v in new.items() if k in old and old[k] != v)
