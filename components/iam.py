"""IAM policy documents shared by components (pure functions, no resources)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

Statement = dict[str, Any]


def policy_document(statements: list[Statement]) -> str:
    """A policy document as JSON with sorted keys: the same statements give the same bytes, so
    a plan diff shows only real changes."""
    return json.dumps({"Version": "2012-10-17", "Statement": statements}, sort_keys=True)


def deny_without_tls(action: str, resource: str | list[str]) -> Statement:
    """The resource-policy statement refusing `action` on `resource` to anyone, whatever their IAM
    policies allow, when the request is not made over TLS."""
    return {
        "Sid": "DenyWithoutTls",
        "Effect": "Deny",
        "Principal": {"AWS": "*"},
        "Action": action,
        "Resource": resource,
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


def _web_identity_trust(provider_arn: str, conditions: Mapping[str, Mapping[str, object]]) -> str:
    """The one-statement trust document every OIDC-federated role here uses."""
    return policy_document(
        [
            {
                "Effect": "Allow",
                "Principal": {"Federated": provider_arn},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": conditions,
            }
        ]
    )


def irsa_trust_policy(oidc_provider_arn: str, oidc_provider_host: str, subject: str) -> str:
    """Trust policy letting Kubernetes service accounts assume a role through IRSA.

    `subject` is `system:serviceaccount:<namespace>:<name>`; a `*` in it switches the subject
    condition to StringLike. The audience is always pinned to STS.
    """
    conditions: dict[str, dict[str, str]] = {
        "StringEquals": {f"{oidc_provider_host}:aud": "sts.amazonaws.com"}
    }
    if "*" in subject:
        conditions["StringLike"] = {f"{oidc_provider_host}:sub": subject}
    else:
        conditions["StringEquals"][f"{oidc_provider_host}:sub"] = subject
    return _web_identity_trust(oidc_provider_arn, conditions)


# GitHub Actions' OIDC issuer: its provider must exist in the account (README, "Set up once").
GITHUB_OIDC_HOST = "token.actions.githubusercontent.com"


def github_actions_trust_policy(provider_arn: str, subjects: list[str]) -> str:
    """Trust policy letting exactly these GitHub Actions subjects (the token's `sub`, e.g.
    `repo:org/repo:environment:dev`) assume a role, with the audience pinned to STS."""
    return _web_identity_trust(
        provider_arn,
        {
            "StringEquals": {
                f"{GITHUB_OIDC_HOST}:aud": "sts.amazonaws.com",
                f"{GITHUB_OIDC_HOST}:sub": sorted(subjects),
            }
        },
    )


def service_accounts_trust_policy(
    oidc_provider_arn: str, oidc_provider_host: str, namespace: str, names: list[str]
) -> str:
    """Trust policy letting exactly these service accounts of `namespace` assume a role through
    IRSA (no wildcard), with the audience pinned to STS."""
    subjects = sorted(f"system:serviceaccount:{namespace}:{name}" for name in names)
    return _web_identity_trust(
        oidc_provider_arn,
        {
            "StringEquals": {
                f"{oidc_provider_host}:aud": "sts.amazonaws.com",
                f"{oidc_provider_host}:sub": subjects,
            }
        },
    )
