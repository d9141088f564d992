"""Network pieces shared by components (functions, not components: they create children of the
caller's component)."""

from __future__ import annotations

from typing import TypeVar

import pulumi
import pulumi_aws as aws

from components.cluster_identity import ClusterIdentity

# The managed services placed in the cluster's private subnets through a subnet group.
SubnetGroup = TypeVar("SubnetGroup", aws.rds.SubnetGroup, aws.elasticache.SubnetGroup)


def cluster_only_security_group(
    name: str,
    *,
    vpc_id: str,
    cluster_security_group_id: str,
    port: int,
    service: str,
    tag_name: str,
    parent: pulumi.Resource,
) -> aws.ec2.SecurityGroup:
    """A security group that admits one TCP port from the EKS cluster security group only.

    No inline rules and no CIDR ingress; the AWS provider also drops the default allow-all egress
    rule, which a managed service (RDS, EFS) never needs.
    """
    child = pulumi.ResourceOptions(parent=parent)
    security_group = aws.ec2.SecurityGroup(
        f"{name}-sg",
        description=f"{service}: only from the EKS cluster security group",
        vpc_id=vpc_id,
        tags={"Name": tag_name},
        opts=child,
    )
    aws.vpc.SecurityGroupIngressRule(
        f"{name}-from-cluster",
        security_group_id=security_group.id,
        referenced_security_group_id=cluster_security_group_id,
        ip_protocol="tcp",
        from_port=port,
        to_port=port,
        description=f"{service} from EKS pods and nodes",
        opts=child,
    )
    return security_group


def private_placement(
    subnet_group_type: type[SubnetGroup],
    name: str,
    cluster: ClusterIdentity,
    *,
    identifier: str,
    port: int,
    service: str,
    tag_name: str,
    parent: pulumi.Resource,
    subnet_group_name: str | None = None,
) -> tuple[SubnetGroup, aws.ec2.SecurityGroup]:
    """Where a managed service (RDS, ElastiCache) runs: a subnet group `<name>-subnets` of the
    cluster's private subnets (named `subnet_group_name`, else by Pulumi) and a security group
    admitting `port` from the cluster only (cluster_only_security_group)."""
    subnet_group = subnet_group_type(
        f"{name}-subnets",
        name=subnet_group_name,
        description=f"Private subnets of {identifier}",
        subnet_ids=cluster.private_subnet_ids,
        opts=pulumi.ResourceOptions(parent=parent),
    )
    security_group = cluster_only_security_group(
        name,
        vpc_id=cluster.vpc_id,
        cluster_security_group_id=cluster.cluster_security_group_id,
        port=port,
        service=service,
        tag_name=tag_name,
        parent=parent,
    )
    return subnet_group, security_group
