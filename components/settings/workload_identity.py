"""AWS identities of Airflow's pods: the task role's policies, and the secrets backend."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictBool, StringConstraints, model_validator

from components.settings.errors import cross_field
from components.settings.types import ConfigModel, KmsKeyOnlyArn, Pattern, customer_kms_key

IAM_POLICY_ARN = Pattern(
    r"^arn:aws(-[a-z]+)*:iam::(\d{12}|aws):policy/([A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,128}$",
    "the ARN of an IAM managed policy (AWS-managed or of a 12-digit account)",
    "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
)
SECRETS_PREFIX = Pattern(
    r"^[A-Za-z0-9_+=.@-]+(/[A-Za-z0-9_+=.@-]+){0,4}$",
    "1 to 5 segments of letters, digits or '_+=.@-', separated by '/', without a leading or "
    "trailing '/'",
    "airflow/connections",
)
IamPolicyArn = Annotated[str, StringConstraints(pattern=IAM_POLICY_ARN.regex)]
SecretsPrefix = Annotated[str, StringConstraints(pattern=SECRETS_PREFIX.regex, max_length=200)]


class WorkloadIdentitySettings(ConfigModel):
    policy_arns: list[IamPolicyArn] = Field(
        default_factory=list,
        description="Managed policies attached to the task role (Celery workers and Kubernetes "
        "executor task pods), in the stack's partition: what DAGs may do in AWS without keys.",
    )

    @model_validator(mode="after")
    def _unique(self) -> WorkloadIdentitySettings:
        duplicates = sorted({a for a in self.policy_arns if self.policy_arns.count(a) > 1})
        if duplicates:
            raise ValueError(f"policyArns lists {duplicates} more than once; list each once")
        return self


class SecretsBackendSettings(ConfigModel):
    enabled: StrictBool = Field(
        default=False,
        description="Airflow looks connections and variables up in AWS Secrets Manager first.",
    )
    connections_prefix: SecretsPrefix = Field(
        default="airflow/connections",
        description="Secrets named <prefix>/<conn id> are connections.",
    )
    variables_prefix: SecretsPrefix = Field(
        default="airflow/variables",
        description="Secrets named <prefix>/<key> are variables.",
    )
    kms_key_arn: KmsKeyOnlyArn | None = customer_kms_key(
        "the secrets (kms:Decrypt is granted on it)", "the account's aws/secretsmanager key"
    )

    @model_validator(mode="after")
    def _distinct_prefixes(self) -> SecretsBackendSettings:
        a, b = self.connections_prefix, self.variables_prefix
        if a == b or a.startswith(b + "/") or b.startswith(a + "/"):
            raise cross_field(
                "variablesPrefix",
                f"allowed: a prefix that neither contains nor is inside connectionsPrefix ({a}), "
                "e.g. airflow/variables with airflow/connections",
            )
        return self
