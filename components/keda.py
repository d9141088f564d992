"""KEDA as a pinned Helm release: the ScaledObject CRD the Airflow chart's worker autoscaling needs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_kubernetes as k8s

from components.helm import pinned_release
from components.pins import KEDA_CHART
from components.settings import KedaSettings
from components.settings.names import KEDA_NAMESPACE

NAMESPACE = KEDA_NAMESPACE


def chart_values(cfg: KedaSettings) -> dict[str, Any]:
    """HA where the chart allows it: operator (leader-elected) and metrics server, with PDBs.

    The metrics API server is served by one active replica at a time in KEDA, but a second replica
    keeps the APIService available through node drains.
    """
    high_availability = cfg.high_availability
    replicas = 2 if high_availability else 1
    pdb = {"minAvailable": 1} if high_availability else {}
    small = cfg.resources.kubernetes()
    return {
        "crds": {"install": True},
        "operator": {"replicaCount": replicas},
        "metricsServer": {"replicaCount": replicas},
        "webhooks": {"enabled": True, "replicaCount": replicas},
        "podDisruptionBudget": {"operator": pdb, "metricServer": pdb, "webhooks": pdb},
        "resources": {"operator": small, "metricServer": small, "webhooks": small},
        "topologySpreadConstraints": {
            component: (
                [
                    {
                        "maxSkew": 1,
                        "topologyKey": "topology.kubernetes.io/zone",
                        "whenUnsatisfiable": "ScheduleAnyway",
                        "labelSelector": {"matchLabels": {"app.kubernetes.io/name": app}},
                    }
                ]
                if high_availability
                else []
            )
            for component, app in (
                ("operator", "keda-operator"),
                ("metricsServer", "keda-operator-metrics-apiserver"),
                ("webhooks", "keda-admission-webhooks"),
            )
        },
    }


@dataclass(frozen=True)
class KedaArgs:
    settings: KedaSettings


class Keda(pulumi.ComponentResource):
    namespace: pulumi.Output[str]
    release: k8s.helm.v3.Release

    def __init__(self, name: str, args: KedaArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("airflow-platform:keda:Keda", name, None, opts)
        namespace = k8s.core.v1.Namespace(
            f"{name}-namespace",
            metadata=k8s.meta.v1.ObjectMetaArgs(name=NAMESPACE),
            opts=pulumi.ResourceOptions(parent=self),
        )
        # Awaited (pods ready), so once it resolves the ScaledObject CRD and webhooks exist.
        self.release = pinned_release(
            f"{name}-release",
            KEDA_CHART,
            release_name="keda",
            namespace=namespace.metadata.name,
            values=chart_values(args.settings),
            timeout_seconds=600,
            opts=pulumi.ResourceOptions(parent=self),
        )
        self.namespace = self.release.namespace.apply(lambda ns: ns or NAMESPACE)
        self.register_outputs({"namespace": self.namespace})
