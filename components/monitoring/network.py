"""NetworkPolicies letting Prometheus, and only Prometheus, reach the two metrics ports.

Separate policies rather than the chart's `statsd`/`pgbouncer.extraNetworkPolicies`: those add
peers to a rule that also admits StatsD's UDP ingest port and PgBouncer's database port, which
Prometheus must not reach. Policies add up, so each of these opens exactly one TCP port to the
Prometheus pods of one namespace.
"""

from __future__ import annotations

from typing import Any

from components.monitoring.target import PGBOUNCER_SCRAPE_PORT, STATSD_SCRAPE_PORT, AirflowTarget

# Set by Kubernetes (1.22+) on every namespace, so no namespace needs labelling by hand.
NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name"


def prometheus_ingress_policy(
    target: AirflowTarget,
    component: str,
    port: int,
    prometheus_namespace: str,
    prometheus_pod_labels: dict[str, str],
) -> dict[str, Any]:
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": {
            "name": f"{target.release_name}-{component}-prometheus",
            "namespace": target.namespace,
        },
        "spec": {
            "podSelector": {"matchLabels": target.component_labels(component)},
            "policyTypes": ["Ingress"],
            "ingress": [
                {
                    # One peer: namespace AND pod labels (two peers would mean either).
                    "from": [
                        {
                            "namespaceSelector": {
                                "matchLabels": {NAMESPACE_NAME_LABEL: prometheus_namespace}
                            },
                            "podSelector": {"matchLabels": dict(prometheus_pod_labels)},
                        }
                    ],
                    "ports": [{"protocol": "TCP", "port": port}],
                }
            ],
        },
    }


def prometheus_ingress_policies(
    target: AirflowTarget, prometheus_namespace: str, prometheus_pod_labels: dict[str, str]
) -> list[dict[str, Any]]:
    scraped = [("statsd", STATSD_SCRAPE_PORT)]
    if target.pgbouncer:
        scraped.append(("pgbouncer", PGBOUNCER_SCRAPE_PORT))
    return [
        prometheus_ingress_policy(
            target, component, port, prometheus_namespace, prometheus_pod_labels
        )
        for component, port in scraped
    ]
