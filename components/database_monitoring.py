"""What RDS observes of the instance: Enhanced Monitoring (OS metrics sent to CloudWatch Logs
through a role RDS assumes) and Performance Insights (encrypted with the database's key)."""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pulumi_aws as aws

from components.cluster_identity import ClusterIdentity
from components.settings import DatabaseSettings

# The same service principal in every partition (aws-cn and aws-us-gov included): only a few
# older services (codedeploy, elasticmapreduce, logs in aws-cn) take the partition's DNS suffix.
MONITORING_SERVICE = "monitoring.rds.amazonaws.com"


def monitoring_trust_policy(cluster: ClusterIdentity, identifier: str) -> str:
    """Only Enhanced Monitoring, acting for instances of this account named `identifier*`.

    The prefix also covers a restored instance (`<identifier>-restored-<hash>`) and the green copy
    of a blue/green deployment (`<identifier>-green-<suffix>`); the source conditions keep another
    account's instance from making RDS use this role (the confused deputy).
    """
    instances = (
        f"arn:{cluster.partition}:rds:{cluster.region}:{cluster.account_id}:db:{identifier}*"
    )
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": MONITORING_SERVICE},
                    "Action": "sts:AssumeRole",
                    "Condition": {
                        "StringEquals": {"aws:SourceAccount": cluster.account_id},
                        "ArnLike": {"aws:SourceArn": instances},
                    },
                }
            ],
        },
        sort_keys=True,
    )


def enhanced_monitoring_policy_arn(partition: str) -> str:
    """AWS's managed policy: create and write the RDSOSMetrics log group's streams, nothing else."""
    return f"arn:{partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"


def enhanced_monitoring(
    name: str,
    cluster: ClusterIdentity,
    cfg: DatabaseSettings,
    identifier: str,
    parent: pulumi.Resource,
) -> tuple[aws.iam.Role | None, list[pulumi.Resource]]:
    """The role, if monitoring is on, and what the instance must wait for: its policy attachment
    (RDS checks the role's permissions when monitoring is turned on)."""
    if not cfg.monitoring_interval_seconds:
        return None, []
    child = pulumi.ResourceOptions(parent=parent)
    role = aws.iam.Role(
        f"{name}-monitoring",
        description=f"RDS Enhanced Monitoring of {identifier}",
        assume_role_policy=monitoring_trust_policy(cluster, identifier),
        opts=child,
    )
    attachment = aws.iam.RolePolicyAttachment(
        f"{name}-monitoring-policy",
        role=role.name,
        policy_arn=enhanced_monitoring_policy_arn(cluster.partition),
        opts=child,
    )
    return role, [attachment]


def observability_args(
    cfg: DatabaseSettings, monitoring_role: aws.iam.Role | None
) -> dict[str, Any]:
    """The instance's monitoring and Performance Insights arguments."""
    insights = cfg.performance_insights
    return {
        "monitoring_interval": cfg.monitoring_interval_seconds,
        "monitoring_role_arn": monitoring_role.arn if monitoring_role is not None else None,
        "performance_insights_enabled": insights,
        # 7 days are free of charge.
        "performance_insights_retention_period": 7 if insights else None,
        # Without a key RDS uses the account's aws/rds key; a key is fixed once insights are on.
        "performance_insights_kms_key_id": cfg.kms_key_arn if insights else None,
    }
