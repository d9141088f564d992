"""The whole stack's settings, and the rules that tie its sections together."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from components.settings.airflow import AirflowSettings
from components.settings.broker import BrokerSettings
from components.settings.cert_manager import CertManagerSettings
from components.settings.cluster import ClusterSettings
from components.settings.dag_bundle import GIT_BUNDLE_CONN_ID
from components.settings.database import DatabaseSettings
from components.settings.dns import DnsSettings
from components.settings.keda import KedaSettings
from components.settings.monitoring import MonitoringSettings
from components.settings.registry import PROGRAM_REGISTRY, RegistrySettings
from components.settings.secrets import SecretsSettings
from components.settings.storage import StorageSettings
from components.settings.types import (
    ConfigModel,
    Environment,
    RegionName,
    arn_partition,
    partition_of,
)

# (key without namespace, value given, what is allowed): one problem a rule found.
Problem = tuple[str, Any, str]


class PlatformSettings(ConfigModel):
    environment: Environment
    region: RegionName
    cluster: ClusterSettings
    database: DatabaseSettings
    storage: StorageSettings
    cert_manager: CertManagerSettings
    keda: KedaSettings
    broker: BrokerSettings
    registry: RegistrySettings
    airflow: AirflowSettings
    monitoring: MonitoringSettings
    secrets: SecretsSettings = Field(default_factory=SecretsSettings)
    dns: DnsSettings = Field(default_factory=DnsSettings)

    @property
    def is_prod(self) -> bool:
        return self.environment is Environment.PROD


def region_rules(settings: PlatformSettings) -> list[Problem]:
    """Every subnet must be in the stack's region."""
    return [
        (
            f"cluster.privateSubnets[{index}].availabilityZone",
            subnet.availability_zone,
            f"allowed: a zone of region {settings.region} (aws:region)",
        )
        for index, subnet in enumerate(settings.cluster.private_subnets)
        if not subnet.availability_zone.startswith(settings.region)
    ]


def registry_rules(settings: PlatformSettings) -> list[Problem]:
    """The image can run from the program's registry only when the program creates it."""
    image = settings.airflow.image
    if image.repository == PROGRAM_REGISTRY and not settings.registry.enabled:
        return [
            (
                "airflow.image.repository",
                image.repository,
                f"'{PROGRAM_REGISTRY}' runs the image from the program's registry, which is off; "
                "set airflow-platform:registry.enabled to true, or give a full repository, e.g. "
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/airflow",
            )
        ]
    return []


def dag_bundle_rules(settings: PlatformSettings) -> list[Problem]:
    """With a connection Secret, the git bundle owns its connection id: no listed one may take it."""
    bundle = settings.airflow.dags.git_bundle
    if bundle is None or bundle.connection_secret is None:
        return []
    return [
        (
            f"airflow.connections[{index}].connId",
            connection.conn_id,
            f"{GIT_BUNDLE_CONN_ID} is the git bundle's connection (from "
            "airflow-platform:airflow.dags.gitBundle.connectionSecret); allowed: another id, "
            "e.g. my_git",
        )
        for index, connection in enumerate(settings.airflow.connections)
        if connection.conn_id.lower() == GIT_BUNDLE_CONN_ID
    ]


def alarm_rules(settings: PlatformSettings) -> list[Problem]:
    """A free-storage alarm at or above the allocated storage would be in alarm from the start."""
    floor = settings.monitoring.thresholds.rds_free_storage_gb
    allocated = settings.database.allocated_storage_gb
    if settings.monitoring.cloudwatch_alarms and floor >= allocated:
        return [
            (
                "monitoring.thresholds.rdsFreeStorageGb",
                floor,
                f"allowed: less than database.allocatedStorageGb ({allocated}), e.g. "
                f"{max(1, allocated // 10)}",
            )
        ]
    return []


def identity_rules(settings: PlatformSettings) -> list[Problem]:
    """Policy ARNs in the stack's partition; KMS keys in its partition and region (RDS, EFS, ECR,
    S3 and Secrets Manager use only keys of their own region)."""
    partition = partition_of(settings.region)
    airflow = settings.airflow
    problems: list[Problem] = [
        (
            f"airflow.workloadIdentity.policyArns[{index}]",
            arn,
            f"allowed: a policy ARN of partition {partition} (region {settings.region}), e.g. "
            f"arn:{partition}:iam::aws:policy/AmazonS3ReadOnlyAccess",
        )
        for index, arn in enumerate(airflow.workload_identity.policy_arns)
        if arn_partition(arn) != partition
    ]
    driver_role = settings.storage.csi_driver_role_arn
    if driver_role is not None and arn_partition(driver_role) != partition:
        problems.append(
            (
                "storage.csiDriverRoleArn",
                driver_role,
                f"allowed: a role ARN of partition {partition} (region {settings.region}), e.g. "
                f"arn:{partition}:iam::123456789012:role/efs-csi-driver",
            )
        )
    keys = {
        "database.kmsKeyArn": settings.database.kms_key_arn,
        "storage.kmsKeyArn": settings.storage.kms_key_arn,
        "registry.kmsKeyArn": settings.registry.kms_key_arn,
        "airflow.logs.s3.kmsKeyArn": airflow.logs.s3.kms_key_arn,
        "airflow.secretsBackend.kmsKeyArn": airflow.secrets_backend.kms_key_arn,
    }
    for key, arn in keys.items():
        if arn is not None and arn.split(":")[1:4:2] != [partition, settings.region]:
            problems.append(
                (
                    key,
                    arn,
                    f"allowed: a key of partition {partition} in region {settings.region}, e.g. "
                    f"arn:{partition}:kms:{settings.region}:123456789012:key/1234abcd-12ab-34cd",
                )
            )
    return problems
