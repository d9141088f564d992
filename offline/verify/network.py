"""Network paths: an evaluator of Kubernetes NetworkPolicies over pods' labels, namespaces and ports.

Semantics of networking.k8s.io/v1 (the API reference): a pod is isolated for a direction once any
policy selecting it lists that direction; an isolated pod accepts exactly what the union of those
policies' rules allows; a connection needs the source's egress and the destination's ingress.
Endpoints outside the cluster (RDS) match only `ipBlock` peers.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from offline.verify.objects import Manifest, PodTemplate, namespace_of, pod_templates

NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name"


@dataclass(frozen=True)
class Endpoint:
    """One side of a connection: a pod (labels, namespace, named container ports), or an address
    outside the cluster (`address` set, no namespace)."""

    name: str
    namespace: str = ""
    labels: Mapping[str, str] = field(default_factory=dict)
    named_ports: Mapping[str, int] = field(default_factory=dict)
    address: str | None = None

    @property
    def namespace_labels(self) -> Mapping[str, str]:
        # The API server labels every namespace with its own name.
        return {NAMESPACE_NAME_LABEL: self.namespace} if self.namespace else {}


def pod_endpoint(pod: PodTemplate) -> Endpoint:
    ports = {
        str(port["name"]): int(port["containerPort"])
        for container in pod.spec.get("containers") or []
        for port in container.get("ports") or []
        if port.get("name")
    }
    return Endpoint(pod.owner, pod.namespace, dict(pod.labels), ports)


def endpoints(objects: Iterable[Manifest]) -> list[Endpoint]:
    return [pod_endpoint(pod) for pod in pod_templates(objects)]


def selects(selector: Mapping[str, Any] | None, labels: Mapping[str, str]) -> bool:
    """metav1.LabelSelector semantics; an empty selector selects everything."""
    selector = selector or {}
    if any(labels.get(k) != v for k, v in (selector.get("matchLabels") or {}).items()):
        return False
    for expression in selector.get("matchExpressions") or []:
        key, operator = expression["key"], expression["operator"]
        values = expression.get("values") or []
        present = key in labels
        matched = {
            "In": present and labels.get(key) in values,
            "NotIn": not present or labels.get(key) not in values,
            "Exists": present,
            "DoesNotExist": not present,
        }[operator]
        if not matched:
            return False
    return True


def _policy_types(policy: Manifest) -> set[str]:
    spec = policy.get("spec") or {}
    if spec.get("policyTypes"):
        return set(spec["policyTypes"])
    return {"Ingress", *(("Egress",) if "egress" in spec else ())}


def _peer_matches(peer: Mapping[str, Any], policy_namespace: str, other: Endpoint) -> bool:
    if "ipBlock" in peer:
        if other.address is None:
            return False
        address = ipaddress.ip_address(other.address)
        block = peer["ipBlock"]
        return address in ipaddress.ip_network(block["cidr"]) and not any(
            address in ipaddress.ip_network(cidr) for cidr in block.get("except") or []
        )
    if other.address is not None:
        return False
    if "namespaceSelector" in peer:
        if not selects(peer["namespaceSelector"], other.namespace_labels):
            return False
    elif other.namespace != policy_namespace:
        return False
    return selects(peer.get("podSelector"), other.labels) if "podSelector" in peer else True


def _port_matches(
    rule_ports: list[Mapping[str, Any]] | None, target: Endpoint, port: int, protocol: str
) -> bool:
    if not rule_ports:
        return True
    for rule_port in rule_ports:
        if rule_port.get("protocol", "TCP") != protocol:
            continue
        wanted = rule_port.get("port")
        if wanted is None:
            return True
        if isinstance(wanted, str) and not wanted.isdigit():
            wanted = target.named_ports.get(wanted)
            if wanted is None:
                continue
        if int(wanted) <= port <= int(rule_port.get("endPort", wanted)):
            return True
    return False


def _direction_allows(
    policies: list[Manifest],
    direction: str,
    subject: Endpoint,
    other: Endpoint,
    port: int,
    protocol: str,
) -> bool:
    """Whether `subject`'s policies for `direction` let it talk with `other` on `port`."""
    if subject.address is not None:
        return True  # nothing outside the cluster is governed by these policies
    selecting = [
        p
        for p in policies
        if namespace_of(p) == subject.namespace
        and selects((p.get("spec") or {}).get("podSelector"), subject.labels)
        and direction in _policy_types(p)
    ]
    if not selecting:
        return True
    rules_key, peers_key = ("ingress", "from") if direction == "Ingress" else ("egress", "to")
    # Named ports resolve on the destination's containers.
    port_owner = subject if direction == "Ingress" else other
    for policy in selecting:
        for rule in (policy.get("spec") or {}).get(rules_key) or []:
            peers = rule.get(peers_key)
            peer_ok = not peers or any(_peer_matches(p, namespace_of(policy), other) for p in peers)
            if peer_ok and _port_matches(rule.get("ports"), port_owner, port, protocol):
                return True
    return False


def network_policies(objects: Iterable[Manifest]) -> list[Manifest]:
    return [o for o in objects if o.get("kind") == "NetworkPolicy"]


def allowed(
    objects: Iterable[Manifest],
    source: Endpoint,
    destination: Endpoint,
    port: int,
    protocol: str = "TCP",
) -> bool:
    """Whether the NetworkPolicies among `objects` let `source` open `port` on `destination`."""
    policies = network_policies(objects)
    return _direction_allows(
        policies, "Egress", source, destination, port, protocol
    ) and _direction_allows(policies, "Ingress", destination, source, port, protocol)


@dataclass(frozen=True)
class PathRequirement:
    """A connection that must be open (or must stay closed), with the reason it matters."""

    why: str
    source: Endpoint
    destination: Endpoint
    port: int
    protocol: str = "TCP"
    open: bool = True


def check_paths(objects: Iterable[Manifest], requirements: Iterable[PathRequirement]) -> list[str]:
    objects = list(objects)
    findings = []
    for req in requirements:
        is_open = allowed(objects, req.source, req.destination, req.port, req.protocol)
        if is_open != req.open:
            state = "blocked" if req.open else "open"
            findings.append(
                f"{req.why}: {req.source.name} ({req.source.namespace or req.source.address}) -> "
                f"{req.destination.name} ({req.destination.namespace or req.destination.address})"
                f" {req.protocol}/{req.port} is {state}"
            )
    return findings
