"""components/iam.py: IRSA trust policies, the TLS-only statement and the document around them."""

from __future__ import annotations

import json

from components.iam import (
    deny_without_tls,
    github_actions_trust_policy,
    irsa_trust_policy,
    policy_document,
    service_accounts_trust_policy,
)

ARN = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC"
HOST = "oidc.eks.eu-west-1.amazonaws.com/id/ABC"


def test_exact_service_account_uses_string_equals() -> None:
    statement = json.loads(irsa_trust_policy(ARN, HOST, "system:serviceaccount:ns:sa"))["Statement"]
    assert statement == [
        {
            "Effect": "Allow",
            "Principal": {"Federated": ARN},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {
                "StringEquals": {
                    f"{HOST}:aud": "sts.amazonaws.com",
                    f"{HOST}:sub": "system:serviceaccount:ns:sa",
                }
            },
        }
    ]


def test_wildcard_subject_uses_string_like_and_keeps_the_audience() -> None:
    condition = json.loads(
        irsa_trust_policy(ARN, HOST, "system:serviceaccount:kube-system:efs-csi-*")
    )["Statement"][0]["Condition"]
    assert condition["StringLike"] == {f"{HOST}:sub": "system:serviceaccount:kube-system:efs-csi-*"}
    assert condition["StringEquals"] == {f"{HOST}:aud": "sts.amazonaws.com"}


def test_github_actions_trust_names_exactly_the_subjects_and_the_audience() -> None:
    provider = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
    subjects = ["repo:o/dags:environment:prod", "repo:o/dags:environment:dev"]
    (statement,) = json.loads(github_actions_trust_policy(provider, subjects))["Statement"]
    assert statement == {
        "Effect": "Allow",
        "Principal": {"Federated": provider},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {
            "StringEquals": {
                "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                "token.actions.githubusercontent.com:sub": sorted(subjects),
            }
        },
    }


def test_service_accounts_trust_exactly_the_named_accounts() -> None:
    document = json.loads(
        service_accounts_trust_policy("arn:aws:iam::1:oidc-provider/h", "h", "ns", ["b", "a"])
    )
    (statement,) = document["Statement"]
    assert statement["Condition"] == {
        "StringEquals": {
            "h:aud": "sts.amazonaws.com",
            "h:sub": ["system:serviceaccount:ns:a", "system:serviceaccount:ns:b"],
        }
    }
    assert "StringLike" not in statement["Condition"]


def test_the_tls_only_statement_denies_everyone_without_tls() -> None:
    assert deny_without_tls("s3:*", ["arn:aws:s3:::b", "arn:aws:s3:::b/*"]) == {
        "Sid": "DenyWithoutTls",
        "Effect": "Deny",
        "Principal": {"AWS": "*"},
        "Action": "s3:*",
        "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


def test_a_policy_document_is_the_same_bytes_whatever_the_key_order() -> None:
    statement = {"Effect": "Deny", "Action": "*", "Resource": "r", "Principal": {"AWS": "*"}}
    reordered = dict(reversed(list(statement.items())))
    assert (
        policy_document([statement])
        == policy_document([reordered])
        == (
            '{"Statement": [{"Action": "*", "Effect": "Deny", "Principal": {"AWS": "*"}, '
            '"Resource": "r"}], "Version": "2012-10-17"}'
        )
    )
