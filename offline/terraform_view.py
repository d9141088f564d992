"""A Terraform-plan view (`terraform show -json` format) of the AWS resources a program run registers.

pulumi-aws is bridged from the Terraform AWS provider: each Pulumi type is one Terraform resource
type, each input a Terraform argument in camelCase, with list blocks pluralised (`rule` -> `rules`)
and single blocks flattened to objects. This module undoes that for the types the program creates,
so that tools written for Terraform plans (checkov) read what `pulumi up` would create.

As in a first plan, where nothing exists yet: an input that is only a reference to another resource
of the view (a bucket name, a role, security group ids) is unknown until apply, so its planned value
is null and the configuration records the reference (checkov's graph checks follow it). Secrets and
values unknown at preview are null too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from importlib.metadata import version
from typing import Any

from offline.monitor import REDACTED, Registration

__all__ = [
    "BLOCK_NAMES",
    "FORMAT_VERSION",
    "MAP_INPUTS",
    "TERRAFORM_TYPES",
    "UNKNOWN",
    "UnmappedTypeError",
    "plan_view",
    "snake_case",
    "terraform_values",
]

FORMAT_VERSION = "1.2"
# Plan readers require the field; no Terraform produced this view, so it names what did.
PRODUCER = f"pulumi-aws {version('pulumi_aws')} (Terraform view of a Pulumi program)"
PROVIDER = "registry.terraform.io/hashicorp/aws"
# The Pulumi wire format's marker of a value not known until apply (sdk/go/common/resource/plugin).
UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"

# Pulumi type token -> Terraform resource type, for every AWS type the program creates.
TERRAFORM_TYPES: dict[str, str] = {
    "aws:cloudwatch/logGroup:LogGroup": "aws_cloudwatch_log_group",
    "aws:cloudwatch/metricAlarm:MetricAlarm": "aws_cloudwatch_metric_alarm",
    "aws:ec2/securityGroup:SecurityGroup": "aws_security_group",
    "aws:ecr/lifecyclePolicy:LifecyclePolicy": "aws_ecr_lifecycle_policy",
    "aws:ecr/repository:Repository": "aws_ecr_repository",
    "aws:efs/backupPolicy:BackupPolicy": "aws_efs_backup_policy",
    "aws:efs/fileSystem:FileSystem": "aws_efs_file_system",
    "aws:efs/fileSystemPolicy:FileSystemPolicy": "aws_efs_file_system_policy",
    "aws:efs/mountTarget:MountTarget": "aws_efs_mount_target",
    "aws:eks/addon:Addon": "aws_eks_addon",
    "aws:elasticache/parameterGroup:ParameterGroup": "aws_elasticache_parameter_group",
    "aws:elasticache/replicationGroup:ReplicationGroup": "aws_elasticache_replication_group",
    "aws:elasticache/subnetGroup:SubnetGroup": "aws_elasticache_subnet_group",
    "aws:iam/role:Role": "aws_iam_role",
    "aws:iam/rolePolicy:RolePolicy": "aws_iam_role_policy",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "aws_iam_role_policy_attachment",
    "aws:rds/instance:Instance": "aws_db_instance",
    "aws:rds/parameterGroup:ParameterGroup": "aws_db_parameter_group",
    "aws:rds/subnetGroup:SubnetGroup": "aws_db_subnet_group",
    "aws:s3/bucket:Bucket": "aws_s3_bucket",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": (
        "aws_s3_bucket_lifecycle_configuration"
    ),
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": "aws_s3_bucket_ownership_controls",
    "aws:s3/bucketPolicy:BucketPolicy": "aws_s3_bucket_policy",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": "aws_s3_bucket_public_access_block",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": (
        "aws_s3_bucket_server_side_encryption_configuration"
    ),
    "aws:sns/topic:Topic": "aws_sns_topic",
    "aws:sns/topicPolicy:TopicPolicy": "aws_sns_topic_policy",
    "aws:sns/topicSubscription:TopicSubscription": "aws_sns_topic_subscription",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": (
        "aws_vpc_security_group_ingress_rule"
    ),
}

# Terraform type -> {Pulumi's plural name of a repeatable block: Terraform's block name}, at any
# depth of that resource's inputs (the bridge pluralises these; every other name only changes case).
BLOCK_NAMES: dict[str, dict[str, str]] = {
    "aws_cloudwatch_metric_alarm": {"metricQueries": "metric_query"},
    "aws_db_parameter_group": {"parameters": "parameter"},
    "aws_ecr_repository": {"encryptionConfigurations": "encryption_configuration"},
    "aws_efs_file_system": {"lifecyclePolicies": "lifecycle_policy"},
    "aws_elasticache_parameter_group": {"parameters": "parameter"},
    "aws_iam_role": {"inlinePolicies": "inline_policy"},
    "aws_s3_bucket_lifecycle_configuration": {
        "rules": "rule",
        "transitions": "transition",
        "noncurrentVersionTransitions": "noncurrent_version_transition",
    },
    "aws_s3_bucket_server_side_encryption_configuration": {"rules": "rule"},
}

# Inputs that are maps (user keys, kept as written), not blocks (Terraform lists of one object).
MAP_INPUTS = frozenset({"tags", "tagsAll", "dimensions"})

_UPPER = re.compile(r"(?<!^)([A-Z])")


class UnmappedTypeError(ValueError):
    """An AWS type the view has no Terraform type for: add it to TERRAFORM_TYPES."""


def snake_case(name: str) -> str:
    return _UPPER.sub(r"_\1", name).lower()


def terraform_values(inputs: Mapping[str, Any], terraform_type: str) -> dict[str, Any]:
    """Pulumi inputs (camelCase, blocks flattened) as Terraform's planned values of that type."""
    return _block(inputs, BLOCK_NAMES.get(terraform_type, {}))


def _value(key: str, value: Any, renames: Mapping[str, str]) -> Any:
    if value in (REDACTED, UNKNOWN):
        return None
    if isinstance(value, dict) and key in MAP_INPUTS:
        return {k: _value(k, v, renames) for k, v in value.items()}
    if isinstance(value, dict):
        # Terraform writes a nested block, even one that allows a single instance, as a list.
        return [_block(value, renames)]
    if isinstance(value, list):
        return [
            _block(v, renames) if isinstance(v, dict) else _value(key, v, renames) for v in value
        ]
    return value


def _block(inputs: Mapping[str, Any], renames: Mapping[str, str]) -> dict[str, Any]:
    return {renames.get(k) or snake_case(k): _value(k, v, renames) for k, v in inputs.items()}


def _is_plain_reference(value: Any) -> bool:
    """A name, id or ARN (or a list of them), as opposed to a document built from one."""
    if isinstance(value, list):
        return bool(value) and all(_is_plain_reference(v) for v in value)
    return isinstance(value, str) and not value.lstrip().startswith(("{", "["))


def plan_view(registrations: Iterable[Registration]) -> dict[str, Any]:
    """The plan JSON (`format_version`, `planned_values`, `configuration`) of the AWS resources."""
    aws = [r for r in registrations if r.custom and r.type.startswith("aws:")]
    unmapped = sorted({r.type for r in aws if r.type not in TERRAFORM_TYPES})
    if unmapped:
        raise UnmappedTypeError(f"no Terraform type for {unmapped}: add it to TERRAFORM_TYPES")
    addresses = {r.urn: f"{TERRAFORM_TYPES[r.type]}.{r.name}" for r in aws}
    if len(set(addresses.values())) != len(addresses):
        raise ValueError(
            f"two AWS resources share a Terraform address: {sorted(addresses.values())}"
        )
    planned, configured = [], []
    for registration in aws:
        terraform_type = TERRAFORM_TYPES[registration.type]
        inputs = dict(registration.redacted_inputs)
        expressions: dict[str, Any] = {}
        for key, urns in registration.property_dependencies.items():
            references = [addresses[urn] for urn in urns if urn in addresses]
            if references and _is_plain_reference(inputs.get(key)):
                inputs[key] = None  # known only after the referenced resource is created
                name = BLOCK_NAMES.get(terraform_type, {}).get(key) or snake_case(key)
                expressions[name] = {"references": references}
        common = {
            "address": addresses[registration.urn],
            "mode": "managed",
            "type": terraform_type,
            "name": registration.name,
        }
        planned.append(
            {
                **common,
                "provider_name": PROVIDER,
                "schema_version": 0,
                "values": terraform_values(inputs, terraform_type),
            }
        )
        configured.append({**common, "provider_config_key": "aws", "expressions": expressions})
    return {
        "format_version": FORMAT_VERSION,
        "terraform_version": PRODUCER,
        "planned_values": {"root_module": {"resources": planned}},
        "configuration": {"root_module": {"resources": configured}},
    }
