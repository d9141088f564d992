"""Roles GitHub Actions assume to push images to the registry, or to pull them for promotion.

Each role trusts only the listed GitHub subjects through the account's GitHub OIDC provider and
may do only what its job needs, on this one repository (`ecr:GetAuthorizationToken` has no
resource-level permissions, so it is granted on `*`).
"""

from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws

from components.iam import GITHUB_OIDC_HOST, github_actions_trust_policy

PUSH_ACTIONS = (
    "ecr:BatchCheckLayerAvailability",
    "ecr:CompleteLayerUpload",
    "ecr:InitiateLayerUpload",
    "ecr:PutImage",
    "ecr:UploadLayerPart",
)
PULL_ACTIONS = (
    "ecr:BatchCheckLayerAvailability",
    "ecr:BatchGetImage",
    "ecr:GetDownloadUrlForLayer",
)


def repository_policy(repository_arn: str, actions: tuple[str, ...]) -> str:
    """Log in to ECR, and `actions` on this repository only."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"},
                {"Effect": "Allow", "Action": list(actions), "Resource": repository_arn},
            ],
        },
        sort_keys=True,
    )


def github_provider_arn(partition: str, account_id: str) -> str:
    return f"arn:{partition}:iam::{account_id}:oidc-provider/{GITHUB_OIDC_HOST}"


def github_actions_role(
    name: str,
    *,
    provider_arn: str,
    subjects: list[str],
    repository_arn: pulumi.Output[str],
    actions: tuple[str, ...],
    parent: pulumi.Resource,
) -> aws.iam.Role:
    """A role only `subjects` can assume, allowed `actions` on the repository."""
    role = aws.iam.Role(
        name,
        assume_role_policy=github_actions_trust_policy(provider_arn, subjects),
        max_session_duration=3600,
        opts=pulumi.ResourceOptions(parent=parent),
    )
    aws.iam.RolePolicy(
        f"{name}-policy",
        role=role.id,
        policy=repository_arn.apply(lambda arn: repository_policy(arn, actions)),
        opts=pulumi.ResourceOptions(parent=parent),
    )
    return role
