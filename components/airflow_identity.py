"""IAM roles for Airflow's service accounts (IRSA): the task role DAGs run with, and the roles of
the components that write or read remote task logs or read the secrets backend.

Each role trusts exactly its service accounts through the cluster's OIDC provider; what each may
do is decided in components/airflow_access.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from components.airflow_access import (
    RoleSpec,
    SecretsScope,
    Statement,
    log_statements,
    policy_document,
    role_specs,
    secrets_statements,
)
from components.cluster_identity import ClusterIdentity
from components.iam import service_accounts_trust_policy
from components.settings import AirflowSettings


@dataclass(frozen=True)
class AirflowIdentityArgs:
    settings: AirflowSettings
    cluster: ClusterIdentity
    # The task log bucket's ARN, with remote logs on.
    log_bucket_arn: pulumi.Output[str] | None = None


class AirflowIdentity(pulumi.ComponentResource):
    # Chart values path (e.g. "workers.celery") -> the role its service account assumes.
    role_arns: pulumi.Output[dict[str, str]]
    task_role_arn: pulumi.Output[str]
    # The roles' policies and attachments: pods must not start before their permissions exist.
    ready: list[pulumi.Resource]

    def __init__(
        self, name: str, args: AirflowIdentityArgs, opts: pulumi.ResourceOptions | None = None
    ):
        super().__init__("airflow-platform:airflow_identity:AirflowIdentity", name, None, opts)
        self.ready = []
        arns: dict[str, pulumi.Output[str]] = {}
        for spec in role_specs(args.settings):
            role = self._role(f"{name}-{spec.key}", spec, args)
            if spec.key == "tasks":
                self.task_role_arn = role.arn
            for account in spec.accounts:
                arns[".".join(account.values_path)] = role.arn
        self.role_arns = pulumi.Output.all(**arns).apply(dict)
        self.register_outputs({"roleArns": self.role_arns, "taskRoleArn": self.task_role_arn})

    def _role(self, name: str, spec: RoleSpec, args: AirflowIdentityArgs) -> aws.iam.Role:
        cluster = args.cluster
        role = aws.iam.Role(
            name,
            assume_role_policy=service_accounts_trust_policy(
                cluster.oidc_provider_arn,
                cluster.oidc_provider_host,
                args.settings.namespace,
                [account.name for account in spec.accounts],
            ),
            max_session_duration=3600,
            opts=pulumi.ResourceOptions(parent=self),
        )
        for policy_arn in spec.policy_arns:
            # Named after the policy (owner and name), so removing one renames no other.
            owner, policy_name = policy_arn.split(":")[4], policy_arn.rsplit("/", 1)[1]
            attachment = aws.iam.RolePolicyAttachment(
                f"{name}-{owner}-{policy_name}",
                role=role.name,
                policy_arn=policy_arn,
                opts=pulumi.ResourceOptions(parent=self),
            )
            self.ready.append(attachment)
        if spec.logs or spec.secrets:
            policy = aws.iam.RolePolicy(
                f"{name}-access",
                role=role.id,
                policy=self._access(spec, args),
                opts=pulumi.ResourceOptions(parent=self),
            )
            self.ready.append(policy)
        return role

    def _access(self, spec: RoleSpec, args: AirflowIdentityArgs) -> pulumi.Output[str]:
        cfg, cluster = args.settings, args.cluster
        secrets: list[Statement] = []
        if spec.secrets:
            backend = cfg.secrets_backend
            scope = SecretsScope(
                cluster.partition,
                cluster.region,
                cluster.account_id,
                (backend.connections_prefix, backend.variables_prefix),
                backend.kms_key_arn,
            )
            secrets = secrets_statements(scope)
        logs = spec.logs
        if logs is None or args.log_bucket_arn is None:
            return pulumi.Output.from_input(policy_document(secrets))
        s3 = cfg.logs.s3
        return args.log_bucket_arn.apply(
            lambda arn: policy_document(
                log_statements(arn, s3.prefix, logs, s3.kms_key_arn) + secrets
            )
        )
