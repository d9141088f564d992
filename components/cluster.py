"""Cluster context: the existing EKS cluster, looked up once, and the explicit providers.

Every resource the program creates passes one of these providers, so nothing depends on ambient
credentials or on whatever kubeconfig happens to be current on the machine running `pulumi up`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws
import pulumi_kubernetes as k8s

from components.cluster_identity import ClusterIdentity
from components.settings import PROJECT, PlatformSettings


@dataclass(frozen=True)
class ClusterContext:
    """The cluster's identity, for components, and the two providers every resource goes through."""

    identity: ClusterIdentity
    aws_provider: aws.Provider
    k8s_provider: k8s.Provider


def default_tags(stack: str) -> dict[str, str]:
    return {"project": PROJECT, "stack": stack, "managed-by": "pulumi"}


def build_kubeconfig(name: str, region: str, endpoint: str, certificate_authority: str) -> str:
    """A kubeconfig that authenticates with `aws eks get-token` (short-lived tokens, no secrets)."""
    return json.dumps(
        {
            "apiVersion": "v1",
            "kind": "Config",
            "clusters": [
                {
                    "name": name,
                    "cluster": {
                        "server": endpoint,
                        "certificate-authority-data": certificate_authority,
                    },
                }
            ],
            "contexts": [{"name": name, "context": {"cluster": name, "user": name}}],
            "current-context": name,
            "users": [
                {
                    "name": name,
                    "user": {
                        "exec": {
                            "apiVersion": "client.authentication.k8s.io/v1beta1",
                            "command": "aws",
                            "args": [
                                "eks",
                                "get-token",
                                "--cluster-name",
                                name,
                                "--region",
                                region,
                                "--output",
                                "json",
                            ],
                            "interactiveMode": "Never",
                        }
                    },
                }
            ],
        },
        sort_keys=True,
    )


def lookup_cluster(settings: PlatformSettings, stack: str) -> ClusterContext:
    """Create the AWS provider, look up the cluster through it, then build the Kubernetes provider."""
    aws_provider = aws.Provider(
        "aws",
        region=settings.region,
        default_tags=aws.ProviderDefaultTagsArgs(tags=default_tags(stack)),
    )
    invoke = pulumi.InvokeOptions(provider=aws_provider)
    cluster = aws.eks.get_cluster(name=settings.cluster.name, opts=invoke)
    caller = aws.get_caller_identity(opts=invoke)
    partition = aws.get_partition(opts=invoke)
    vpc = aws.ec2.get_vpc(id=cluster.vpc_config.vpc_id, opts=invoke)

    certificate_authority = cluster.certificate_authorities[0].data
    k8s_provider = k8s.Provider(
        "eks",
        kubeconfig=build_kubeconfig(
            cluster.name, settings.region, cluster.endpoint, certificate_authority
        ),
        # Never falls back to the ambient kubeconfig: this provider targets this cluster only.
        delete_unreachable=False,
    )
    secondary_cidrs = [
        a.cidr_block
        for a in vpc.cidr_block_associations
        if a.cidr_block != vpc.cidr_block and a.state == "associated"
    ]
    identity = ClusterIdentity(
        name=cluster.name,
        region=settings.region,
        account_id=caller.account_id,
        partition=partition.partition,
        vpc_id=cluster.vpc_config.vpc_id,
        vpc_cidrs=(vpc.cidr_block, *secondary_cidrs),
        cluster_security_group_id=cluster.vpc_config.cluster_security_group_id,
        oidc_issuer_url=cluster.identities[0].oidcs[0].issuer,
        private_subnets=tuple(settings.cluster.private_subnets),
    )
    return ClusterContext(identity, aws_provider, k8s_provider)
