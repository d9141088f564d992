"""components/airflow_identity.py: the IRSA roles of Airflow's service accounts, their trust and
their permissions, field by field, over the dev and prod stacks."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from tests.conftest import ACCOUNT_ID, ProgramRun, Registration, cached_run

ROLE = "aws:iam/role:Role"
POLICY = "aws:iam/rolePolicy:RolePolicy"
ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
BUCKET_ARN = f"arn:aws:s3:::airflow-platform-prod-task-logs-{ACCOUNT_ID}"
SECRETS = f"arn:aws:secretsmanager:eu-west-1:{ACCOUNT_ID}:secret"
KMS_KEY = f"arn:aws:kms:eu-west-1:{ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def oidc_host(stack: str) -> str:
    """The example cluster's issuer as the offline engine answers it (offline/invokes.py)."""
    oidc_id = hashlib.sha1(f"data-platform-{stack}".encode()).hexdigest()[:32].upper()
    return f"oidc.eks.eu-west-1.amazonaws.com/id/{oidc_id}"


def roles(run: ProgramRun) -> dict[str, Registration]:
    found = {r.name: r for r in run.by_type(ROLE) if r.name.startswith("airflow-identity-")}
    return {name.removeprefix("airflow-identity-"): r for name, r in found.items()}


def trust(role: Registration) -> dict[str, Any]:
    return json.loads(role.inputs["assumeRolePolicy"])


def access(run: ProgramRun, key: str) -> list[dict[str, Any]]:
    policy = run.one(POLICY, f"airflow-identity-{key}-access")
    assert policy.inputs["role"] == run.state(roles(run)[key])["name"], "on its own role"
    return json.loads(policy.inputs["policy"])["Statement"]


def expected_trust(stack: str, accounts: list[str]) -> dict[str, Any]:
    host = oidc_host(stack)
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Federated": f"arn:aws:iam::{ACCOUNT_ID}:oidc-provider/{host}"},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {
                    "StringEquals": {
                        f"{host}:aud": "sts.amazonaws.com",
                        f"{host}:sub": [f"system:serviceaccount:airflow:{a}" for a in accounts],
                    }
                },
            }
        ],
    }


PROD_ACCOUNTS = {
    "tasks": ["airflow-worker", "airflow-worker-kubernetes"],
    "api-server": ["airflow-api-server"],
    "triggerer": ["airflow-triggerer"],
    "dag-processor": ["airflow-dag-processor"],
}


def test_each_prod_role_trusts_exactly_its_service_accounts(prod_run: ProgramRun) -> None:
    found = roles(prod_run)
    assert set(found) == set(PROD_ACCOUNTS), "no role for the scheduler (it runs no task code)"
    for key, accounts in PROD_ACCOUNTS.items():
        assert trust(found[key]) == expected_trust("prod", accounts), key


def test_dev_has_only_the_task_role_for_its_celery_workers(dev_run: ProgramRun) -> None:
    found = roles(dev_run)
    assert set(found) == {"tasks"}
    assert trust(found["tasks"]) == expected_trust("dev", ["airflow-worker"])
    assert not [p for p in dev_run.by_type(POLICY) if p.name.startswith("airflow-identity-")]
    assert dev_run.outputs["taskRoleArn"] == dev_run.state(found["tasks"])["arn"]


def _logs(access_kind: str) -> list[dict[str, Any]]:
    actions = ["s3:GetObject"] + (["s3:PutObject"] if access_kind == "write" else [])
    return [
        {"Effect": "Allow", "Action": actions, "Resource": f"{BUCKET_ARN}/task-logs/*"},
        {
            "Effect": "Allow",
            "Action": "s3:ListBucket",
            "Resource": BUCKET_ARN,
            "Condition": {"StringLike": {"s3:prefix": ["task-logs/*"]}},
        },
    ]


SECRETS_READ = {
    "Effect": "Allow",
    "Action": "secretsmanager:GetSecretValue",
    "Resource": [f"{SECRETS}:airflow/connections/*", f"{SECRETS}:airflow/variables/*"],
}


def test_prod_permissions_field_by_field(prod_run: ProgramRun) -> None:
    assert access(prod_run, "tasks") == [*_logs("write"), SECRETS_READ]
    assert access(prod_run, "triggerer") == [*_logs("write"), SECRETS_READ]
    assert access(prod_run, "api-server") == [*_logs("read"), SECRETS_READ]
    assert access(prod_run, "dag-processor") == [SECRETS_READ]


def test_the_configured_policies_attach_to_the_task_role_only(prod_run: ProgramRun) -> None:
    attachments = [a for a in prod_run.by_type(ATTACHMENT) if a.name.startswith("airflow-identity")]
    assert [a.inputs["policyArn"] for a in attachments] == [
        f"arn:aws:iam::{ACCOUNT_ID}:policy/airflow-dags-prod"
    ]
    assert attachments[0].name == f"airflow-identity-tasks-{ACCOUNT_ID}-airflow-dags-prod"
    assert attachments[0].parent == roles(prod_run)["tasks"].parent


def test_keys_are_used_only_through_their_service() -> None:
    run = cached_run(
        "prod",
        {
            "airflow-platform:airflow": {
                "logs": {"s3": {"kmsKeyArn": KMS_KEY}},
                "secretsBackend": {"kmsKeyArn": KMS_KEY},
            }
        },
    )

    def kms(actions: list[str], service: str) -> dict[str, Any]:
        return {
            "Effect": "Allow",
            "Action": actions,
            "Resource": KMS_KEY,
            "Condition": {"StringEquals": {"kms:ViaService": f"{service}.eu-west-1.amazonaws.com"}},
        }

    secrets = [SECRETS_READ, kms(["kms:Decrypt"], "secretsmanager")]
    writer = [*_logs("write"), kms(["kms:Decrypt", "kms:GenerateDataKey"], "s3")]
    assert access(run, "tasks") == [*writer, *secrets]
    assert access(run, "api-server") == [*_logs("read"), kms(["kms:Decrypt"], "s3"), *secrets]
    assert access(run, "dag-processor") == secrets


@pytest.mark.parametrize(
    ("executor", "accounts"),
    [
        ("KubernetesExecutor", ["airflow-worker-kubernetes"]),
        # The LocalExecutor runs tasks in the scheduler, which then needs the task role.
        ("LocalExecutor", ["airflow-scheduler"]),
    ],
)
def test_the_task_role_follows_the_executor(executor: str, accounts: list[str]) -> None:
    run = cached_run("dev", {"airflow-platform:airflow": {"executor": executor}})
    assert trust(roles(run)["tasks"]) == expected_trust("dev", accounts)
