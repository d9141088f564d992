"""cert-manager (pinned Helm release, CRDs kept) and a Let's Encrypt ClusterIssuer."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws
import pulumi_kubernetes as k8s

from components.cluster_identity import ClusterIdentity
from components.helm import pinned_release
from components.iam import irsa_trust_policy
from components.pins import CERT_MANAGER_CHART
from components.settings import CertManagerSettings
from components.settings.names import CERT_MANAGER_NAMESPACE
from components.settings.resources import PodResources

NAMESPACE = CERT_MANAGER_NAMESPACE
SERVICE_ACCOUNT = "cert-manager"  # the chart's controller service account (release "cert-manager")
ACME_SERVERS = {
    "staging": "https://acme-staging-v02.api.letsencrypt.org/directory",
    "production": "https://acme-v02.api.letsencrypt.org/directory",
}
ISSUER_NAMES = {"staging": "letsencrypt-staging", "production": "letsencrypt-prod"}


def challenge_names(hosts: list[str]) -> list[str]:
    """The TXT record names ACME asks for: lowercase, no trailing dot, as Route 53 normalizes them."""
    return sorted({f"_acme-challenge.{host.lower().rstrip('.')}" for host in hosts})


def route53_policy(partition: str, hosted_zone_id: str, hosts: list[str]) -> str:
    """Least privilege for DNS-01, per cert-manager's Route 53 guide with hostedZoneID given.

    Only the challenge TXT records of our hosts may be upserted or deleted; ListHostedZonesByName
    is not granted, as the zone id is configured. The record conditions exist only on
    ChangeResourceRecordSets, so that action has a statement of its own (a ForAllValues condition
    on a key the request does not carry would match anything).
    """
    zone = f"arn:{partition}:route53:::hostedzone/{hosted_zone_id}"
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "ChangeChallengeRecords",
                    "Effect": "Allow",
                    "Action": "route53:ChangeResourceRecordSets",
                    "Resource": zone,
                    "Condition": {
                        "ForAllValues:StringEquals": {
                            "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"],
                            "route53:ChangeResourceRecordSetsNormalizedRecordNames": (
                                challenge_names(hosts)
                            ),
                            "route53:ChangeResourceRecordSetsActions": ["UPSERT", "DELETE"],
                        }
                    },
                },
                {
                    "Sid": "ListRecordsInZone",
                    "Effect": "Allow",
                    "Action": "route53:ListResourceRecordSets",
                    "Resource": zone,
                },
                {
                    "Sid": "TrackChanges",
                    "Effect": "Allow",
                    "Action": "route53:GetChange",
                    "Resource": f"arn:{partition}:route53:::change/*",
                },
            ],
        },
        sort_keys=True,
    )


def _pod_values(replicas: int, resources: PodResources) -> dict[str, Any]:
    """Replicas, disruption budget and resources of one cert-manager deployment.

    A budget with a single replica would block every node drain, so it comes with the second.
    """
    highly_available = replicas > 1
    return {
        "replicaCount": replicas,
        "podDisruptionBudget": {
            "enabled": highly_available,
            **({"minAvailable": 1} if highly_available else {}),
        },
        "resources": resources.kubernetes(),
    }


def chart_values(cfg: CertManagerSettings, role_arn: str | None) -> dict[str, Any]:
    """Values for the jetstack chart: CRDs installed and kept, replicas and requests as set."""
    resources = cfg.resources
    values: dict[str, Any] = {
        "crds": {"enabled": True, "keep": True},
        "global": {"leaderElection": {"namespace": NAMESPACE}},
        **_pod_values(cfg.replicas, resources.controller),
        "webhook": _pod_values(cfg.replicas, resources.webhook),
        "cainjector": _pod_values(cfg.replicas, resources.cainjector),
        "startupapicheck": {"resources": resources.startupapicheck.kubernetes()},
        "prometheus": {"enabled": True, "servicemonitor": {"enabled": False}},
    }
    if role_arn is not None:
        values["serviceAccount"] = {"annotations": {"eks.amazonaws.com/role-arn": role_arn}}
    return values


def cluster_issuer_spec(
    cfg: CertManagerSettings, region: str, ingress_class_name: str, hosts: list[str]
) -> dict[str, Any]:
    if cfg.solver == "dns01":
        # The selector keeps this solver to the names its role may answer for.
        solver: dict[str, Any] = {
            "selector": {"dnsNames": sorted({host.lower().rstrip(".") for host in hosts})},
            "dns01": {"route53": {"region": region, "hostedZoneID": cfg.hosted_zone_id}},
        }
    else:
        solver = {"http01": {"ingress": {"ingressClassName": ingress_class_name}}}
    return {
        "acme": {
            "server": ACME_SERVERS[cfg.acme_server],
            "email": cfg.email,
            "privateKeySecretRef": {"name": f"{ISSUER_NAMES[cfg.acme_server]}-account-key"},
            "solvers": [solver],
        }
    }


@dataclass(frozen=True)
class CertManagerArgs:
    settings: CertManagerSettings
    cluster: ClusterIdentity
    ingress_class_name: str
    hosts: list[str]  # the names certificates are issued for (DNS-01 may answer only for them)


class CertManager(pulumi.ComponentResource):
    issuer_name: pulumi.Output[str]
    release: k8s.helm.v3.Release
    cluster_issuer: k8s.apiextensions.CustomResource

    def __init__(
        self,
        name: str,
        args: CertManagerArgs,
        opts: pulumi.ResourceOptions | None = None,
    ):
        super().__init__("airflow-platform:cert_manager:CertManager", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        cfg = args.settings
        issuer = ISSUER_NAMES[cfg.acme_server]

        namespace = k8s.core.v1.Namespace(
            f"{name}-namespace",
            metadata=k8s.meta.v1.ObjectMetaArgs(name=NAMESPACE),
            opts=child,
        )
        role_arn = self._dns01_role(name, args) if cfg.solver == "dns01" else None
        values: pulumi.Input[dict[str, Any]] = (
            role_arn.apply(lambda arn: chart_values(cfg, arn))
            if role_arn is not None
            else chart_values(cfg, None)
        )
        self.release = pinned_release(
            f"{name}-release",
            CERT_MANAGER_CHART,
            release_name="cert-manager",
            namespace=namespace.metadata.name,
            values=values,
            timeout_seconds=600,
            opts=child,
        )
        # Sent only once the release (and so the webhook) is ready, or the API server rejects it.
        self.cluster_issuer = k8s.apiextensions.CustomResource(
            f"{name}-cluster-issuer",
            api_version="cert-manager.io/v1",
            kind="ClusterIssuer",
            metadata=k8s.meta.v1.ObjectMetaArgs(name=issuer),
            spec=cluster_issuer_spec(cfg, args.cluster.region, args.ingress_class_name, args.hosts),
            opts=pulumi.ResourceOptions(parent=self, depends_on=[self.release]),
        )
        # Resolves only once the issuer exists, so dependents wait for it.
        self.issuer_name = self.cluster_issuer.urn.apply(lambda _: issuer)
        self.register_outputs({"issuerName": self.issuer_name})

    def _dns01_role(self, name: str, args: CertManagerArgs) -> pulumi.Output[str]:
        """The IRSA role cert-manager's controller assumes to answer DNS-01 in one zone."""
        child = pulumi.ResourceOptions(parent=self)
        hosted_zone_id = args.settings.hosted_zone_id
        assert hosted_zone_id is not None  # settings guarantee it for dns01
        role = aws.iam.Role(
            f"{name}-dns01",
            description="cert-manager DNS-01 on one Route 53 zone (IRSA)",
            assume_role_policy=irsa_trust_policy(
                args.cluster.oidc_provider_arn,
                args.cluster.oidc_provider_host,
                f"system:serviceaccount:{NAMESPACE}:{SERVICE_ACCOUNT}",
            ),
            opts=child,
        )
        aws.iam.RolePolicy(
            f"{name}-dns01-route53",
            role=role.name,
            policy=route53_policy(args.cluster.partition, hosted_zone_id, args.hosts),
            opts=child,
        )
        return role.arn
