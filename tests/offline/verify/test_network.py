"""offline/verify/network.py: NetworkPolicy semantics, each rule shown to open and to close."""

from __future__ import annotations

from typing import Any

from offline.verify.network import (
    Endpoint,
    PathRequirement,
    allowed,
    check_paths,
    endpoints,
    selects,
)

API = Endpoint("api", "airflow", {"component": "api-server"}, {"api-server": 8080})
WORKER = Endpoint("worker", "airflow", {"component": "worker"})
INGRESS = Endpoint("traefik", "ingress", {"app": "traefik"})
STRANGER = Endpoint("stranger", "other", {"component": "worker"})
RDS = Endpoint("rds", address="10.42.3.7")


def policy(namespace: str, selector: dict[str, Any], **spec: Any) -> dict[str, Any]:
    return {
        "kind": "NetworkPolicy",
        "metadata": {"name": "p", "namespace": namespace},
        "spec": {"podSelector": {"matchLabels": selector}, **spec},
    }


def test_without_policies_everything_is_open() -> None:
    assert allowed([], STRANGER, API, 8080)


def test_a_policy_without_rules_isolates_the_pods_it_selects() -> None:
    deny = [policy("airflow", {"component": "api-server"}, policyTypes=["Ingress"])]
    assert not allowed(deny, WORKER, API, 8080)
    assert allowed(deny, API, WORKER, 8793), "pods it does not select stay open"


def test_pod_selectors_match_only_the_policy_namespace() -> None:
    rule = {"from": [{"podSelector": {"matchLabels": {"component": "worker"}}}]}
    policies = [policy("airflow", {"component": "api-server"}, ingress=[rule])]
    assert allowed(policies, WORKER, API, 8080)
    assert not allowed(policies, STRANGER, API, 8080), "same labels, other namespace"


def test_namespace_selectors_use_the_automatic_name_label() -> None:
    rule = {
        "from": [
            {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress"}}}
        ],
        "ports": [{"port": "api-server"}],
    }
    policies = [policy("airflow", {"component": "api-server"}, ingress=[rule])]
    assert allowed(policies, INGRESS, API, 8080), "named port resolved on the destination"
    assert not allowed(policies, INGRESS, API, 9090)
    assert not allowed(policies, STRANGER, API, 8080)
    assert not allowed(policies, WORKER, API, 8080), "a namespaceSelector alone leaves its own out"


def test_namespace_and_pod_selector_in_one_peer_must_both_match() -> None:
    peer = {
        "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "other"}},
        "podSelector": {"matchLabels": {"component": "scheduler"}},
    }
    policies = [policy("airflow", {"component": "api-server"}, ingress=[{"from": [peer]}])]
    assert not allowed(policies, STRANGER, API, 8080)
    scheduler = Endpoint("s", "other", {"component": "scheduler"})
    assert allowed(policies, scheduler, API, 8080)


def test_ports_protocols_and_ranges() -> None:
    rule = {"ports": [{"port": 9000, "endPort": 9010}, {"port": 9125, "protocol": "UDP"}]}
    policies = [policy("airflow", {"component": "api-server"}, ingress=[rule])]
    assert allowed(policies, STRANGER, API, 9005)
    assert not allowed(policies, STRANGER, API, 9011)
    assert allowed(policies, STRANGER, API, 9125, "UDP")
    assert not allowed(policies, STRANGER, API, 9125, "TCP")


def test_egress_policies_govern_the_source_and_ip_blocks_match_outside_addresses() -> None:
    to_rds = {"to": [{"ipBlock": {"cidr": "10.42.0.0/16", "except": ["10.42.9.0/24"]}}]}
    policies = [policy("airflow", {"component": "worker"}, policyTypes=["Egress"], egress=[to_rds])]
    assert allowed(policies, WORKER, RDS, 5432)
    assert not allowed(policies, WORKER, Endpoint("x", address="10.42.9.1"), 5432)
    assert not allowed(policies, WORKER, API, 8080), (
        "isolated for egress: pods are not in the block"
    )
    assert allowed(policies, API, RDS, 5432)


def test_match_expressions() -> None:
    selector = {
        "matchExpressions": [
            {"key": "component", "operator": "In", "values": ["worker", "scheduler"]},
            {"key": "debug", "operator": "DoesNotExist"},
        ]
    }
    assert selects(selector, {"component": "worker"})
    assert not selects(selector, {"component": "worker", "debug": "1"})
    assert not selects(selector, {"component": "api-server"})
    assert selects({}, {"anything": "x"})


def test_endpoints_come_from_pod_templates_with_their_named_ports() -> None:
    deployment = {
        "kind": "Deployment",
        "metadata": {"name": "api", "namespace": "airflow"},
        "spec": {
            "template": {
                "metadata": {"labels": {"component": "api-server"}},
                "spec": {
                    "containers": [{"name": "c", "ports": [{"name": "http", "containerPort": 80}]}]
                },
            }
        },
    }
    assert endpoints([deployment]) == [
        Endpoint("Deployment/airflow/api", "airflow", {"component": "api-server"}, {"http": 80})
    ]


def test_check_paths_reports_both_directions_of_a_broken_expectation() -> None:
    deny = [policy("airflow", {"component": "api-server"}, policyTypes=["Ingress"])]
    requirements = [
        PathRequirement("users reach the UI", INGRESS, API, 8080),
        PathRequirement("strangers stay out", STRANGER, API, 8080, open=False),
    ]
    assert check_paths(deny, requirements) == [
        "users reach the UI: traefik (ingress) -> api (airflow) TCP/8080 is blocked"
    ]
    assert check_paths([], requirements) == [
        "strangers stay out: stranger (other) -> api (airflow) TCP/8080 is open"
    ]
