"""What each Airflow service account may do in AWS, decided from the settings (pure: no resources).

Who touches what in Airflow 3 (read in apache-airflow-core / task-sdk 3.2 and the Amazon provider):
- Task logs are uploaded by the task's supervisor, which runs where the task runs (Celery worker,
  Kubernetes executor pod; the scheduler with the LocalExecutor), and by the triggerer for the
  logs of deferred tasks' triggers; the API server reads them back for the UI and the REST API.
  The scheduler and the DAG processor neither write nor read task logs.
- Connections and variables: the task runner asks the configured [secrets] backend before the
  Execution API (task-sdk's worker chain); the API server answers the Execution API and the UI;
  the triggerer runs triggers whose hooks read connections; the DAG processor runs top-level DAG
  code and DAG callbacks. The scheduler runs no DAG author code, so it gets no secrets access.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from components.airflow.service_accounts import (
    ServiceAccount,
    api_server_account,
    dag_processor_account,
    task_accounts,
    triggerer_account,
)
from components.settings import AirflowSettings

LogAccess = Literal["write", "read"] | None
Statement = dict[str, Any]


@dataclass(frozen=True)
class RoleSpec:
    """One IAM role for service accounts and what it is granted."""

    key: str
    accounts: list[ServiceAccount]
    logs: LogAccess = None
    secrets: bool = False
    policy_arns: list[str] = field(default_factory=list)


def role_specs(settings: AirflowSettings) -> list[RoleSpec]:
    """The task role always (DAGs' workload identity); the others only with something to grant."""
    remote_logs = settings.logs.s3.enabled
    secrets = settings.secrets_backend.enabled
    specs = [
        RoleSpec(
            "tasks",
            task_accounts(settings),
            "write" if remote_logs else None,
            secrets,
            list(settings.workload_identity.policy_arns),
        ),
        RoleSpec(
            "api-server", [api_server_account(settings)], "read" if remote_logs else None, secrets
        ),
        RoleSpec(
            "triggerer", [triggerer_account(settings)], "write" if remote_logs else None, secrets
        ),
        RoleSpec("dag-processor", [dag_processor_account(settings)], None, secrets),
    ]
    return [s for s in specs if s.key == "tasks" or s.logs or s.secrets]


def dns_suffix(partition: str) -> str:
    """The domain of AWS service endpoints in a partition (kms:ViaService names them)."""
    return {
        "aws-cn": "amazonaws.com.cn",
        "aws-iso": "c2s.ic.gov",
        "aws-iso-b": "sc2s.sgov.gov",
        "aws-iso-e": "cloud.adc-e.uk",
        "aws-iso-f": "csp.hci.ic.gov",
    }.get(partition, "amazonaws.com")


def _kms(key_arn: str, actions: list[str], service: str, region: str) -> Statement:
    """Use of the key only through `service` in the stack's region."""
    partition = key_arn.split(":")[1]
    return {
        "Effect": "Allow",
        "Action": actions,
        "Resource": key_arn,
        "Condition": {
            "StringEquals": {"kms:ViaService": f"{service}.{region}.{dns_suffix(partition)}"}
        },
    }


def log_statements(
    bucket_arn: str, prefix: str, access: Literal["write", "read"], kms_key_arn: str | None
) -> list[Statement]:
    """Objects under the prefix: read (head/get), and for writers put (Airflow appends by reading
    the object and putting it back); listing only under the prefix (a reader lists an attempt's
    keys; without ListBucket a missing log answers 403 instead of 404)."""
    object_actions = ["s3:GetObject"] + (["s3:PutObject"] if access == "write" else [])
    statements: list[Statement] = [
        {"Effect": "Allow", "Action": object_actions, "Resource": f"{bucket_arn}/{prefix}/*"},
        {
            "Effect": "Allow",
            "Action": "s3:ListBucket",
            "Resource": bucket_arn,
            "Condition": {"StringLike": {"s3:prefix": [f"{prefix}/*"]}},
        },
    ]
    if kms_key_arn:
        # The key is in the bucket's region (settings check it).
        kms_actions = ["kms:Decrypt"] + (["kms:GenerateDataKey"] if access == "write" else [])
        statements.append(_kms(kms_key_arn, kms_actions, "s3", kms_key_arn.split(":")[3]))
    return statements


@dataclass(frozen=True)
class SecretsScope:
    partition: str
    region: str
    account_id: str
    prefixes: tuple[str, ...]
    kms_key_arn: str | None


def secrets_statements(scope: SecretsScope) -> list[Statement]:
    """GetSecretValue (all the backend calls) on secrets under exactly the configured prefixes;
    Secrets Manager appends a random suffix to a secret's ARN, which `<prefix>/*` covers."""
    base = f"arn:{scope.partition}:secretsmanager:{scope.region}:{scope.account_id}:secret"
    statements: list[Statement] = [
        {
            "Effect": "Allow",
            "Action": "secretsmanager:GetSecretValue",
            "Resource": [f"{base}:{prefix}/*" for prefix in scope.prefixes],
        }
    ]
    if scope.kms_key_arn:
        statements.append(_kms(scope.kms_key_arn, ["kms:Decrypt"], "secretsmanager", scope.region))
    return statements


def policy_document(statements: list[Statement]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": statements}, sort_keys=True)
