"""IAM policy documents shared by components (pure functions, no resources)."""

from __future__ import annotations

import json


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
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Federated": oidc_provider_arn},
                    "Action": "sts:AssumeRoleWithWebIdentity",
                    "Condition": conditions,
                }
            ],
        },
        sort_keys=True,
    )
