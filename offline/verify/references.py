"""References: every Secret and key, ConfigMap and key, ServiceAccount, PersistentVolumeClaim,
StorageClass, Ingress TLS Secret and issuer an object names must exist: in the render, in the
program's own objects, made by cert-manager from a Certificate or an annotated Ingress, or be a
prerequisite the README names. A cluster default StorageClass is not assumed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from offline.verify.objects import (
    Manifest,
    PodTemplate,
    name_of,
    namespace_of,
    object_id,
    pod_templates,
)

# The keys cert-manager writes into a certificate's Secret.
CERTIFICATE_KEYS = frozenset({"tls.crt", "tls.key", "ca.crt"})
INGRESS_SHIM_ANNOTATIONS = ("cert-manager.io/cluster-issuer", "cert-manager.io/issuer")
# Flags by which a rendered controller names a Secret it writes itself at runtime (KEDA's
# self-managed certificates, cert-manager's webhook CA).
CONTROLLER_SECRET_FLAGS = ("--cert-secret-name=", "--dynamic-serving-ca-secret-name=")
# Namespaces whose objects the cluster itself provides (e.g. the HPA controller's account).
SYSTEM_NAMESPACES = frozenset({"kube-system"})

# id ("Kind/namespace/name" or "Kind/name") -> the keys it is documented to hold (None: any).
Prerequisites = Mapping[str, Collection[str] | None]


@dataclass
class Inventory:
    """What exists once everything is applied: `Kind/ns/name` -> keys (None when unknowable)."""

    keys: dict[str, frozenset[str] | None] = field(default_factory=dict)
    objects: dict[str, Manifest] = field(default_factory=dict)

    def add(self, ident: str, keys: Iterable[str] | None = None) -> None:
        known = self.keys.get(ident, frozenset())
        if ident in self.keys and known is None:
            return
        self.keys[ident] = None if keys is None else frozenset(keys) | (known or frozenset())

    def has(self, ident: str) -> bool:
        return ident in self.keys

    def missing_key(self, ident: str, key: str) -> bool:
        keys = self.keys.get(ident)
        return keys is not None and key not in keys


def _data_keys(obj: Manifest) -> set[str] | None:
    keys: set[str] = set()
    for part in ("data", "stringData", "binaryData"):
        value = obj.get(part)
        if value is None:
            continue
        if not isinstance(value, Mapping):
            return None  # e.g. redacted secret data: the keys are unknown here
        keys |= set(value)
    return keys


def inventory(objects: Iterable[Manifest], prerequisites: Prerequisites) -> Inventory:
    inv = Inventory()
    for ident, keys in prerequisites.items():
        inv.add(ident, keys)
    for obj in objects:
        kind, ns, name = obj.get("kind"), namespace_of(obj), name_of(obj)
        if kind in ("Secret", "ConfigMap"):
            inv.add(f"{kind}/{ns}/{name}", _data_keys(obj))
        elif kind == "Namespace":
            inv.add(f"Namespace/{name}")
            inv.add(f"ServiceAccount/{name}/default")  # every namespace gets one
        elif kind == "Certificate":
            inv.add(f"Secret/{ns}/{obj.get('spec', {}).get('secretName')}", CERTIFICATE_KEYS)
        elif ns:
            inv.add(f"{kind}/{ns}/{name}")
            inv.objects[f"{kind}/{ns}/{name}"] = obj
        else:
            inv.add(f"{kind}/{name}")
    for obj in objects:
        annotations = obj.get("metadata", {}).get("annotations") or {}
        if obj.get("kind") == "Ingress" and any(a in annotations for a in INGRESS_SHIM_ANNOTATIONS):
            for tls in obj.get("spec", {}).get("tls") or []:
                inv.add(f"Secret/{namespace_of(obj)}/{tls.get('secretName')}", CERTIFICATE_KEYS)
    for pod in pod_templates(objects):
        for container in pod.containers():
            for arg in [*(container.get("command") or []), *(container.get("args") or [])]:
                for flag in CONTROLLER_SECRET_FLAGS:
                    if str(arg).startswith(flag):
                        inv.add(f"Secret/{pod.namespace}/{str(arg)[len(flag) :]}", None)
    return inv


def check_references(
    objects: Iterable[Manifest], prerequisites: Prerequisites | None = None
) -> list[str]:
    """One finding per dangling reference: `<owner>: <what> <target> ...`."""
    objects = list(objects)
    inv = inventory(objects, prerequisites or {})
    findings: list[str] = []
    for pod in pod_templates(objects):
        findings += [f"{pod.owner}: {problem}" for problem in _pod_problems(pod, inv)]
    for obj in objects:
        findings += [f"{object_id(obj)}: {problem}" for problem in _object_problems(obj, inv)]
    return findings


def _need(inv: Inventory, ident: str, key: str | None = None, optional: bool = False) -> str | None:
    if optional or ident.split("/")[1] in SYSTEM_NAMESPACES:
        return None
    if not inv.has(ident):
        return f"{ident} does not exist"
    if key is not None and inv.missing_key(ident, key):
        return f"{ident} has no key {key!r}"
    return None


def _pod_problems(pod: PodTemplate, inv: Inventory) -> Iterator[str]:
    ns = pod.namespace
    account = pod.spec.get("serviceAccountName") or "default"
    yield from _some(_need(inv, f"ServiceAccount/{ns}/{account}"))
    for pull in pod.spec.get("imagePullSecrets") or []:
        yield from _some(_need(inv, f"Secret/{ns}/{pull.get('name')}"))
    volumes = {v.get("name"): v for v in pod.spec.get("volumes") or []}
    for volume in volumes.values():
        yield from _volume_problems(volume, ns, inv)
    for claim in pod.claim_templates:
        volumes.setdefault(claim, {"name": claim})
    for container in pod.containers():
        yield from _container_problems(container, volumes, ns, inv)


def _container_problems(
    container: Mapping[str, Any], volumes: Mapping[str, Any], ns: str, inv: Inventory
) -> Iterator[str]:
    for env in container.get("env") or []:
        source = env.get("valueFrom") or {}
        for ref_kind, kind in (("secretKeyRef", "Secret"), ("configMapKeyRef", "ConfigMap")):
            ref = source.get(ref_kind)
            if ref:
                ident = f"{kind}/{ns}/{ref.get('name')}"
                problem = _need(inv, ident, ref.get("key"), bool(ref.get("optional")))
                yield from _some(problem and f"env {env.get('name')}: {problem}")
    for env_from in container.get("envFrom") or []:
        for ref_kind, kind in (("secretRef", "Secret"), ("configMapRef", "ConfigMap")):
            ref = env_from.get(ref_kind)
            if ref:
                ident = f"{kind}/{ns}/{ref.get('name')}"
                yield from _some(_need(inv, ident, None, bool(ref.get("optional"))))
    for mount in container.get("volumeMounts") or []:
        volume = volumes.get(mount.get("name"))
        if volume is None:
            yield f"container {container.get('name')} mounts undeclared volume {mount.get('name')}"
        elif mount.get("subPath"):
            yield from _subpath_problems(volume, mount["subPath"], ns, inv)


def _volume_sources(volume: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """(kind, source) for the Secret and ConfigMap a volume reads, projected ones included."""
    if volume.get("secret"):
        yield "Secret", {**volume["secret"], "name": volume["secret"].get("secretName")}
    if volume.get("configMap"):
        yield "ConfigMap", volume["configMap"]
    for projected in (volume.get("projected") or {}).get("sources") or []:
        if projected.get("secret"):
            yield "Secret", projected["secret"]
        if projected.get("configMap"):
            yield "ConfigMap", projected["configMap"]


def _volume_problems(volume: Mapping[str, Any], ns: str, inv: Inventory) -> Iterator[str]:
    for kind, source in _volume_sources(volume):
        ident = f"{kind}/{ns}/{source.get('name')}"
        optional = bool(source.get("optional"))
        yield from _some(_need(inv, ident, None, optional))
        for item in source.get("items") or []:
            yield from _some(_need(inv, ident, item.get("key"), optional))
    claim = volume.get("persistentVolumeClaim")
    if claim:
        yield from _some(_need(inv, f"PersistentVolumeClaim/{ns}/{claim.get('claimName')}"))


def _subpath_problems(
    volume: Mapping[str, Any], sub_path: str, ns: str, inv: Inventory
) -> Iterator[str]:
    """A subPath into a Secret/ConfigMap volume names one of its keys (or an item's path)."""
    for kind, source in _volume_sources(volume):
        items = source.get("items") or []
        if any(item.get("path") == sub_path for item in items):
            continue
        if not items:
            ident = f"{kind}/{ns}/{source.get('name')}"
            yield from _some(_need(inv, ident, sub_path, bool(source.get("optional"))))


def _object_problems(obj: Manifest, inv: Inventory) -> Iterator[str]:
    kind, ns, spec = obj.get("kind"), namespace_of(obj), obj.get("spec") or {}
    if kind == "PersistentVolumeClaim":
        yield from _claim_problems(spec, inv)
    elif kind == "StatefulSet":
        for template in spec.get("volumeClaimTemplates") or []:
            yield from _claim_problems(template.get("spec") or {}, inv)
    elif kind == "Ingress":
        yield from _ingress_problems(obj, inv)
    elif kind == "Certificate":
        ref = spec.get("issuerRef") or {}
        if ref.get("kind") == "ClusterIssuer":
            yield from _some(_need(inv, f"ClusterIssuer/{ref.get('name')}"))
        else:
            yield from _some(_need(inv, f"Issuer/{ns}/{ref.get('name')}"))
    elif kind == "ScaledObject":
        yield from _scaled_object_problems(obj, inv)
    elif kind in ("RoleBinding", "ClusterRoleBinding"):
        for subject in obj.get("subjects") or []:
            if subject.get("kind") == "ServiceAccount":
                sa_ns = subject.get("namespace") or ns
                yield from _some(_need(inv, f"ServiceAccount/{sa_ns}/{subject.get('name')}"))


def _scaled_object_problems(obj: Manifest, inv: Inventory) -> Iterator[str]:
    """The scale target exists, and each trigger's `...FromEnv` names an env var of its container
    (KEDA reads connection strings from the target container's environment)."""
    spec, ns = obj.get("spec") or {}, namespace_of(obj)
    target = spec.get("scaleTargetRef") or {}
    ident = f"{target.get('kind', 'Deployment')}/{ns}/{target.get('name')}"
    yield from _some(_need(inv, ident))
    workload = inv.objects.get(ident)
    if workload is None:
        return
    pod = (workload.get("spec") or {}).get("template", {}).get("spec") or {}
    wanted = target.get("envSourceContainerName")
    env_names = {
        env.get("name")
        for container in pod.get("containers") or []
        if wanted in (None, container.get("name"))
        for env in container.get("env") or []
    }
    for trigger in spec.get("triggers") or []:
        for key, value in sorted((trigger.get("metadata") or {}).items()):
            if key.endswith("FromEnv") and value not in env_names:
                yield f"trigger {trigger.get('type')} {key}: {ident} has no env var {value}"


def _claim_problems(spec: Mapping[str, Any], inv: Inventory) -> Iterator[str]:
    storage_class = spec.get("storageClassName")
    if not storage_class:
        yield "no storageClassName: it would rely on a cluster default StorageClass"
    else:
        yield from _some(_need(inv, f"StorageClass/{storage_class}"))


def _ingress_problems(obj: Manifest, inv: Inventory) -> Iterator[str]:
    ns, spec = namespace_of(obj), obj.get("spec") or {}
    annotations = obj.get("metadata", {}).get("annotations") or {}
    if spec.get("ingressClassName"):
        yield from _some(_need(inv, f"IngressClass/{spec['ingressClassName']}"))
    if "cert-manager.io/cluster-issuer" in annotations:
        yield from _some(
            _need(inv, f"ClusterIssuer/{annotations['cert-manager.io/cluster-issuer']}")
        )
    if "cert-manager.io/issuer" in annotations:
        yield from _some(_need(inv, f"Issuer/{ns}/{annotations['cert-manager.io/issuer']}"))
    for tls in spec.get("tls") or []:
        yield from _some(_need(inv, f"Secret/{ns}/{tls.get('secretName')}", "tls.crt"))
    for rule in spec.get("rules") or []:
        for path in (rule.get("http") or {}).get("paths") or []:
            service = (path.get("backend") or {}).get("service") or {}
            yield from _some(_need(inv, f"Service/{ns}/{service.get('name')}"))


def _some(problem: str | None) -> Iterator[str]:
    if problem:
        yield problem
