"""components/settings/workload_identity.py: the task role's policies and the secrets backend."""

from __future__ import annotations

import pytest

from components.settings import parse_settings
from tests.settings.stacks import VALID_DEV, assert_rejected, with_changes

POLICIES = "airflow-platform:airflow.workloadIdentity.policyArns"


def test_policy_arns_of_the_stacks_partition_are_accepted() -> None:
    arns = [
        "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        "arn:aws:iam::123456789012:policy/a/b",
    ]
    raw = with_changes(VALID_DEV, **{"airflow.workloadIdentity.policyArns": arns})
    assert parse_settings(raw).airflow.workload_identity.policy_arns == arns


@pytest.mark.parametrize(
    "arn",
    [
        "arn:aws:iam::aws:role/Admin",
        "arn:aws:s3:::bucket",
        "arn:aws:iam::12345:policy/x",
        "AmazonS3ReadOnlyAccess",
    ],
)
def test_a_policy_arn_must_name_a_managed_policy(arn: str) -> None:
    raw = with_changes(VALID_DEV, **{"airflow.workloadIdentity.policyArns": ["x", arn][1:]})
    assert_rejected(raw, f"{POLICIES}[0]", "IAM managed policy")


def test_a_policy_of_another_partition_is_named() -> None:
    arn = "arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess"
    raw = with_changes(VALID_DEV, **{"airflow.workloadIdentity.policyArns": [arn]})
    assert_rejected(raw, f"{POLICIES}[0]", "partition aws (region eu-west-1)")


def test_the_partition_follows_the_region() -> None:
    raw = with_changes(
        VALID_DEV,
        region="cn-north-1",
        **{
            "cluster.privateSubnets": [
                {"id": "subnet-0123456789abcdef0", "availabilityZone": "cn-north-1a"},
                {"id": "subnet-0123456789abcdef1", "availabilityZone": "cn-north-1b"},
            ],
            "airflow.workloadIdentity.policyArns": ["arn:aws:iam::aws:policy/X"],
        },
    )
    assert_rejected(raw, f"{POLICIES}[0]", "arn:aws-cn:iam::aws:policy/")


def test_secrets_backend_defaults() -> None:
    backend = parse_settings(VALID_DEV).airflow.secrets_backend
    assert (backend.enabled, backend.connections_prefix, backend.variables_prefix) == (
        False,
        "airflow/connections",
        "airflow/variables",
    )


@pytest.mark.parametrize(
    ("connections", "variables"), [("airflow", "airflow/variables"), ("a/b", "a/b")]
)
def test_prefixes_must_not_contain_one_another(connections: str, variables: str) -> None:
    raw = with_changes(
        VALID_DEV,
        **{
            "airflow.secretsBackend.connectionsPrefix": connections,
            "airflow.secretsBackend.variablesPrefix": variables,
        },
    )
    assert_rejected(
        raw,
        "airflow-platform:airflow.secretsBackend.variablesPrefix",
        "neither contains nor is inside",
    )


@pytest.mark.parametrize("prefix", ["/airflow", "airflow/", "air flow", "a/*"])
def test_a_prefix_is_plain(prefix: str) -> None:
    raw = with_changes(VALID_DEV, **{"airflow.secretsBackend.connectionsPrefix": prefix})
    assert_rejected(raw, "airflow-platform:airflow.secretsBackend.connectionsPrefix", "'/'")


def test_an_alias_cannot_be_the_secrets_key() -> None:
    alias = "arn:aws:kms:eu-west-1:123456789012:alias/secrets"
    raw = with_changes(VALID_DEV, **{"airflow.secretsBackend.kmsKeyArn": alias})
    assert_rejected(raw, "airflow-platform:airflow.secretsBackend.kmsKeyArn", "not an alias")
