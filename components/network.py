"""Network pieces shared by components (a function, not a component: it creates children of the
caller's component)."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws


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
