"""Stack settings: the one place where Pulumi config becomes typed, validated objects.

Every key lives under the project namespace (``airflow-platform:<key>``) except ``aws:region``.
Environment-aware defaults are applied first, the stack file's values on top, and the result is
validated as a whole. Any problem raises one :class:`SettingsError` that names each full config key,
the value given and what is allowed, before the program registers a single resource.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic.alias_generators import to_camel

PROJECT = "airflow-platform"

# Everything the program pins lives here, so a bump is a one-line change.
AIRFLOW_VERSION = "3.2.2"
AIRFLOW_IMAGE_REPOSITORY = "apache/airflow"

_REGION_PATTERN = r"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$"
_SUBNET_PATTERN = r"^subnet-([0-9a-f]{8}|[0-9a-f]{17})$"
_KMS_ARN_PATTERN = r"^arn:aws(-[a-z]+)*:kms:[a-z0-9-]+:\d{12}:(key|alias)/[A-Za-z0-9/_+=.@-]+$"
_HOSTED_ZONE_PATTERN = r"^Z[A-Z0-9]{1,31}$"
_EMAIL_PATTERN = r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
_HOSTNAME_PATTERN = r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$"
_DNS_LABEL_PATTERN = r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"
_DNS_SUBDOMAIN_PATTERN = (
    r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)
_WINDOW_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$"
_MAINTENANCE_WINDOW_PATTERN = (
    r"^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-"
    r"(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$"
)
_EKS_CLUSTER_NAME_PATTERN = r"^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$"
_IMAGE_REPOSITORY_PATTERN = r"^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*$"
_IMAGE_TAG_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$"
_GIT_REPOSITORY_PATTERN = r"^(https://[^\s@/]+(/[^\s]+)+|ssh://[^\s]+|git@[^\s:]+:[^\s]+)$"
_CONN_ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_]{0,249}$"
_QUANTITY_PATTERN = r"^[1-9][0-9]*(Mi|Gi|Ti)$"

RegionName = Annotated[str, StringConstraints(pattern=_REGION_PATTERN)]
SubnetId = Annotated[str, StringConstraints(pattern=_SUBNET_PATTERN)]
KmsKeyArn = Annotated[str, StringConstraints(pattern=_KMS_ARN_PATTERN)]
HostedZoneId = Annotated[str, StringConstraints(pattern=_HOSTED_ZONE_PATTERN)]
EmailAddress = Annotated[str, StringConstraints(pattern=_EMAIL_PATTERN)]
HostName = Annotated[str, StringConstraints(pattern=_HOSTNAME_PATTERN, max_length=253)]
DnsLabel = Annotated[str, StringConstraints(pattern=_DNS_LABEL_PATTERN)]
DnsSubdomain = Annotated[str, StringConstraints(pattern=_DNS_SUBDOMAIN_PATTERN, max_length=253)]
StorageQuantity = Annotated[str, StringConstraints(pattern=_QUANTITY_PATTERN)]

# Executors Airflow 3 accepts by short name. The hybrid executors were removed in Airflow 3:
# a comma-separated list ("multiple executors") replaces them.
AIRFLOW3_EXECUTORS = ("LocalExecutor", "CeleryExecutor", "KubernetesExecutor")
_REMOVED_EXECUTORS = {
    "CeleryKubernetesExecutor": "CeleryExecutor,KubernetesExecutor",
    "LocalKubernetesExecutor": "LocalExecutor,KubernetesExecutor",
}
# Retention periods CloudWatch Logs accepts, in days.
CLOUDWATCH_RETENTION_DAYS = (
    1,
    3,
    5,
    7,
    14,
    30,
    60,
    90,
    120,
    150,
    180,
    365,
    400,
    545,
    731,
    1096,
    1827,
    2192,
    2557,
    2922,
    3288,
    3653,
)
# EFS lifecycle transitions AWS offers (TransitionToIA), in days.
EFS_IA_TRANSITION_DAYS = (1, 7, 14, 30, 60, 90, 180, 270, 365)


class Environment(StrEnum):
    DEV = "dev"
    PROD = "prod"


def _one_of(value: int, allowed: tuple[int, ...]) -> int:
    """Validator body for numbers AWS accepts only from a fixed list."""
    if value not in allowed:
        raise ValueError(f"allowed: one of {', '.join(map(str, allowed))}")
    return value


class SettingsError(Exception):
    """Invalid stack configuration. The message names every offending key, value and the rule."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid stack configuration:\n" + "\n".join(f"  - {p}" for p in problems))


class _Model(BaseModel):
    """Config objects: camelCase keys as in the stack file, unknown keys (typos) rejected."""

    model_config = ConfigDict(
        extra="forbid", alias_generator=to_camel, frozen=True, populate_by_name=False
    )


# --------------------------------------------------------------------------------------------
# Cluster
# --------------------------------------------------------------------------------------------


class PrivateSubnet(_Model):
    id: SubnetId = Field(description="Private subnet id (subnet-...) in the cluster's VPC.")
    availability_zone: Annotated[
        str, StringConstraints(pattern=r"^[a-z]{2}(-[a-z]+)+-\d[a-z]$")
    ] = Field(description="The subnet's availability zone, e.g. eu-west-1a.")


class ClusterSettings(_Model):
    name: Annotated[str, StringConstraints(pattern=_EKS_CLUSTER_NAME_PATTERN)] = Field(
        description="Name of the existing EKS cluster the platform is installed into."
    )
    private_subnets: list[PrivateSubnet] = Field(
        description="Private subnets for RDS and EFS, one per availability zone. At least two "
        "zones, in every environment: an RDS subnet group must cover two zones even for a "
        "single-AZ instance.",
    )

    @field_validator("private_subnets")
    @classmethod
    def _one_subnet_per_zone(cls, subnets: list[PrivateSubnet]) -> list[PrivateSubnet]:
        if len(subnets) < 2:
            raise ValueError(
                "allowed: at least two subnets in two availability zones (an RDS subnet group "
                "must span two zones, even for a single-AZ instance)"
            )
        seen_ids: set[str] = set()
        seen_zones: dict[str, str] = {}
        for subnet in subnets:
            if subnet.id in seen_ids:
                raise ValueError(f"subnet {subnet.id} is listed twice; list each subnet once")
            seen_ids.add(subnet.id)
            if subnet.availability_zone in seen_zones:
                raise ValueError(
                    f"subnets {seen_zones[subnet.availability_zone]} and {subnet.id} are both in "
                    f"{subnet.availability_zone}; allowed: one subnet per availability zone "
                    "(EFS accepts only one mount target per zone)"
                )
            seen_zones[subnet.availability_zone] = subnet.id
        return subnets

    @property
    def availability_zones(self) -> list[str]:
        return [s.availability_zone for s in self.private_subnets]


# --------------------------------------------------------------------------------------------
# Database
# --------------------------------------------------------------------------------------------


class DatabaseSettings(_Model):
    engine_version: Literal["16", "17"] = Field(
        description="PostgreSQL major version; minor versions are upgraded automatically."
    )
    instance_class: Annotated[str, StringConstraints(pattern=r"^db\.[a-z0-9-]+\.[a-z0-9]+$")] = (
        Field(description="RDS instance class, e.g. db.t4g.micro.")
    )
    allocated_storage_gb: int = Field(ge=20, le=65536, description="Initial gp3 storage (GiB).")
    max_allocated_storage_gb: int = Field(
        ge=21, le=65536, description="Storage autoscaling ceiling (GiB)."
    )
    multi_az: bool = Field(description="Synchronous standby in a second zone.")
    backup_retention_days: int = Field(ge=1, le=35, description="Automated backup retention.")
    backup_window: Annotated[str, StringConstraints(pattern=_WINDOW_PATTERN)] = Field(
        description="Daily backup window, UTC, hh:mm-hh:mm."
    )
    maintenance_window: Annotated[str, StringConstraints(pattern=_MAINTENANCE_WINDOW_PATTERN)] = (
        Field(description="Weekly maintenance window, UTC, ddd:hh:mm-ddd:hh:mm.")
    )
    performance_insights: bool = Field(description="Performance Insights on the instance.")
    log_retention_days: int = Field(
        description="CloudWatch retention of the exported PostgreSQL logs (RDS would keep them "
        f"forever); one of {CLOUDWATCH_RETENTION_DAYS}."
    )
    kms_key_arn: KmsKeyArn | None = Field(
        default=None,
        description="Customer KMS key for storage encryption (AWS key if unset).",
    )

    @field_validator("log_retention_days")
    @classmethod
    def _known_retention(cls, days: int) -> int:
        return _one_of(days, CLOUDWATCH_RETENTION_DAYS)

    @model_validator(mode="after")
    def _ceiling_above_allocation(self) -> DatabaseSettings:
        if self.max_allocated_storage_gb <= self.allocated_storage_gb:
            raise ValueError(
                f"maxAllocatedStorageGb ({self.max_allocated_storage_gb}) must be greater than "
                f"allocatedStorageGb ({self.allocated_storage_gb})"
            )
        return self


# --------------------------------------------------------------------------------------------
# Shared storage (EFS)
# --------------------------------------------------------------------------------------------


class StorageSettings(_Model):
    storage_class_name: DnsSubdomain = Field(description="Name of the RWX StorageClass.")
    transition_to_ia_days: int = Field(
        description=f"Days before files move to Infrequent Access; one of {EFS_IA_TRANSITION_DAYS}."
    )
    install_csi_driver: bool = Field(
        description="Install the EFS CSI driver add-on (off for clusters that already run it)."
    )
    base_path: Annotated[str, StringConstraints(pattern=r"^/[A-Za-z0-9/_-]*$")] = Field(
        description="Directory under which access points are created."
    )
    kms_key_arn: KmsKeyArn | None = Field(default=None, description="Customer KMS key for EFS.")

    @field_validator("transition_to_ia_days")
    @classmethod
    def _known_transition(cls, days: int) -> int:
        return _one_of(days, EFS_IA_TRANSITION_DAYS)


# --------------------------------------------------------------------------------------------
# cert-manager and KEDA
# --------------------------------------------------------------------------------------------


class CertManagerSettings(_Model):
    email: EmailAddress = Field(description="ACME account contact e-mail.")
    solver: Literal["http01", "dns01"] = Field(description="ACME challenge type.")
    hosted_zone_id: HostedZoneId | None = Field(
        default=None, description="Route 53 hosted zone id, required for dns01."
    )

    @model_validator(mode="after")
    def _zone_for_dns01(self) -> CertManagerSettings:
        if self.solver == "dns01" and self.hosted_zone_id is None:
            raise ValueError("hostedZoneId is required when solver is dns01")
        if self.solver == "http01" and self.hosted_zone_id is not None:
            raise ValueError("hostedZoneId is only used with solver dns01; remove it or set solver")
        return self


class KedaSettings(_Model):
    high_availability: bool = Field(description="Two operator and metrics-server replicas.")


# --------------------------------------------------------------------------------------------
# Airflow
# --------------------------------------------------------------------------------------------


class ImageSettings(_Model):
    repository: Annotated[str, StringConstraints(pattern=_IMAGE_REPOSITORY_PATTERN)] = Field(
        default=AIRFLOW_IMAGE_REPOSITORY,
        description="Airflow image repository (e.g. ECR).",
    )
    tag: Annotated[str, StringConstraints(pattern=_IMAGE_TAG_PATTERN)] = Field(
        default=AIRFLOW_VERSION, description="Image tag; never 'latest'."
    )
    airflow_version: Annotated[str, StringConstraints(pattern=r"^3\.\d+\.\d+$")] = Field(
        default=AIRFLOW_VERSION,
        description="Airflow version inside the image (3.x.y).",
    )

    @field_validator("tag")
    @classmethod
    def _no_floating_tag(cls, tag: str) -> str:
        if tag == "latest":
            raise ValueError("allowed: a pinned tag; 'latest' is not reproducible")
        return tag


class GitSyncSettings(_Model):
    repository: Annotated[str, StringConstraints(pattern=_GIT_REPOSITORY_PATTERN)] = Field(
        description="Git repository URL (https://..., ssh://... or git@host:path)."
    )
    branch: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._/-]{1,200}$")] = "main"
    sub_path: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._/-]{0,200}$")] = ""
    credentials_secret: DnsSubdomain | None = Field(
        default=None,
        description="Existing Secret: GITSYNC_USERNAME/GITSYNC_PASSWORD for https, "
        "gitSshKey for ssh repositories.",
    )
    period_seconds: int = Field(default=60, ge=5, le=3600)
    known_hosts: str | None = Field(
        default=None,
        description="known_hosts line(s) of the git server; required for ssh repositories "
        "(without them git-sync skips host key verification).",
    )

    @property
    def uses_ssh(self) -> bool:
        return not self.repository.startswith("https://")

    @model_validator(mode="after")
    def _ssh_is_verified(self) -> GitSyncSettings:
        if self.uses_ssh and self.credentials_secret is None:
            raise ValueError(
                "an ssh repository needs credentialsSecret (an existing Secret with key gitSshKey)"
            )
        if self.uses_ssh and not self.known_hosts:
            raise ValueError(
                "an ssh repository needs knownHosts (the server's host key line, e.g. from "
                "ssh-keyscan); without it git-sync would accept any host key"
            )
        if not self.uses_ssh and self.known_hosts:
            raise ValueError("knownHosts only applies to ssh repositories")
        return self


class DagPersistenceSettings(_Model):
    size: StorageQuantity = Field(default="10Gi", description="Size of the RWX DAG claim.")


class DagSettings(_Model):
    source: Literal["image", "gitSync", "persistence"] = Field(
        description="Where DAGs come from: baked into the image, git-sync, or an EFS claim."
    )
    git_sync: GitSyncSettings | None = None
    persistence: DagPersistenceSettings | None = None

    @model_validator(mode="after")
    def _one_source(self) -> DagSettings:
        if self.git_sync is not None and self.persistence is not None:
            raise ValueError(
                "gitSync and persistence are exclusive; allowed: one DAG source "
                "(image, gitSync or persistence)"
            )
        if self.source == "gitSync" and self.git_sync is None:
            raise ValueError("source gitSync needs a gitSync block with at least a repository")
        if self.source != "gitSync" and self.git_sync is not None:
            raise ValueError(
                f"a gitSync block is only allowed with source gitSync, not {self.source}"
            )
        if self.source != "persistence" and self.persistence is not None:
            raise ValueError(
                f"a persistence block is only allowed with source persistence, not {self.source}"
            )
        return self


class WorkerSettings(_Model):
    min_replicas: int = Field(ge=0, le=100, description="KEDA minimum Celery workers.")
    max_replicas: int = Field(ge=1, le=500, description="KEDA maximum Celery workers.")
    concurrency: int = Field(ge=1, le=256, description="Tasks per Celery worker.")

    @model_validator(mode="after")
    def _bounds(self) -> WorkerSettings:
        if self.max_replicas < self.min_replicas:
            raise ValueError(
                f"maxReplicas ({self.max_replicas}) must be at least minReplicas "
                f"({self.min_replicas})"
            )
        return self


class TuningSettings(_Model):
    parallelism: int = Field(ge=1, le=4096, description="core.parallelism")
    max_active_tasks_per_dag: int = Field(
        ge=1, le=4096, description="core.max_active_tasks_per_dag"
    )
    scheduler_heartbeat_sec: int = Field(
        ge=1, le=60, description="scheduler.scheduler_heartbeat_sec"
    )
    parsing_processes: int = Field(ge=1, le=64, description="dag_processor.parsing_processes")
    worker_pods_creation_batch_size: int = Field(
        ge=1, le=256, description="kubernetes_executor.worker_pods_creation_batch_size"
    )
    delete_worker_pods: bool = Field(description="kubernetes_executor.delete_worker_pods")


class ConnectionSettings(_Model):
    conn_id: Annotated[str, StringConstraints(pattern=_CONN_ID_PATTERN)] = Field(
        description="Airflow connection id; exposed as AIRFLOW_CONN_<CONN_ID>."
    )
    secret_name: DnsSubdomain = Field(description="Existing Secret in the Airflow namespace.")
    secret_key: Annotated[str, StringConstraints(pattern=r"^[-._A-Za-z0-9]+$")] = "uri"

    @property
    def env_name(self) -> str:
        return f"AIRFLOW_CONN_{self.conn_id.upper()}"


class AirflowSettings(_Model):
    namespace: DnsLabel = "airflow"
    release_name: DnsLabel = "airflow"
    host: HostName = Field(description="Public host name of the Airflow UI/API.")
    ingress_class_name: DnsSubdomain = Field(
        description="IngressClass of the cluster's controller."
    )
    executor: str = Field(description="Executor, or a comma-separated list of executors.")
    image: ImageSettings = Field(default_factory=ImageSettings)
    dags: DagSettings
    logs_size: StorageQuantity = Field(description="Size of the RWX log claim on EFS.")
    scheduler_replicas: int = Field(ge=1, le=10)
    api_server_replicas: int = Field(ge=1, le=20)
    triggerer_replicas: int = Field(ge=1, le=10)
    pgbouncer: bool = Field(description="PgBouncer between Airflow and RDS.")
    workers: WorkerSettings
    tuning: TuningSettings
    connections: list[ConnectionSettings] = Field(default_factory=list)

    @field_validator("executor")
    @classmethod
    def _airflow3_executor(cls, value: str) -> str:
        names = [part.strip() for part in value.split(",")]
        if not value.strip() or any(not n for n in names):
            raise ValueError(
                f"allowed: one or more of {', '.join(AIRFLOW3_EXECUTORS)}, comma-separated"
            )
        for name in names:
            if name in _REMOVED_EXECUTORS:
                raise ValueError(
                    f"{name} was removed in Airflow 3; use the multi-executor list "
                    f"'{_REMOVED_EXECUTORS[name]}'"
                )
            if name not in AIRFLOW3_EXECUTORS:
                raise ValueError(
                    f"unknown executor {name!r}; allowed: {', '.join(AIRFLOW3_EXECUTORS)} "
                    "or a comma-separated list of them"
                )
        if len(set(names)) != len(names):
            raise ValueError("an executor is listed twice; list each executor once")
        return ",".join(names)

    @field_validator("connections")
    @classmethod
    def _unique_connections(cls, conns: list[ConnectionSettings]) -> list[ConnectionSettings]:
        env_names = [c.env_name for c in conns]
        duplicates = sorted({n for n in env_names if env_names.count(n) > 1})
        if duplicates:
            raise ValueError(f"connection ids must be unique (case-insensitive): {duplicates}")
        return conns

    @property
    def executors(self) -> list[str]:
        return self.executor.split(",")

    @property
    def uses_celery(self) -> bool:
        return "CeleryExecutor" in self.executors

    @property
    def uses_kubernetes_executor(self) -> bool:
        return "KubernetesExecutor" in self.executors


# --------------------------------------------------------------------------------------------
# The whole stack
# --------------------------------------------------------------------------------------------


class PlatformSettings(_Model):
    environment: Environment
    region: RegionName
    cluster: ClusterSettings
    database: DatabaseSettings
    storage: StorageSettings
    cert_manager: CertManagerSettings
    keda: KedaSettings
    airflow: AirflowSettings

    @property
    def is_prod(self) -> bool:
        return self.environment is Environment.PROD


# Defaults by environment, merged under the stack file's values: stack files hold only what differs.
ENVIRONMENT_DEFAULTS: dict[Environment, dict[str, Any]] = {
    Environment.DEV: {
        "database": {
            "engineVersion": "17",
            "instanceClass": "db.t4g.micro",
            "allocatedStorageGb": 20,
            "maxAllocatedStorageGb": 50,
            "multiAz": False,
            "backupRetentionDays": 1,
            "backupWindow": "02:00-03:00",
            "maintenanceWindow": "sun:03:30-sun:04:30",
            "performanceInsights": False,
            "logRetentionDays": 7,
        },
        "storage": {
            "storageClassName": "efs-sc",
            "transitionToIaDays": 7,
            "installCsiDriver": True,
            "basePath": "/airflow",
        },
        "certManager": {"solver": "http01"},
        "keda": {"highAvailability": False},
        "airflow": {
            "executor": "CeleryExecutor",
            "dags": {"source": "gitSync"},
            "logsSize": "20Gi",
            "schedulerReplicas": 1,
            "apiServerReplicas": 1,
            "triggererReplicas": 1,
            "pgbouncer": False,
            "workers": {"minReplicas": 0, "maxReplicas": 3, "concurrency": 8},
            "tuning": {
                "parallelism": 32,
                "maxActiveTasksPerDag": 16,
                "schedulerHeartbeatSec": 5,
                "parsingProcesses": 1,
                "workerPodsCreationBatchSize": 4,
                "deleteWorkerPods": True,
            },
        },
    },
    Environment.PROD: {
        "database": {
            "engineVersion": "17",
            "instanceClass": "db.m7g.large",
            "allocatedStorageGb": 100,
            "maxAllocatedStorageGb": 1000,
            "multiAz": True,
            "backupRetentionDays": 14,
            "backupWindow": "02:00-03:00",
            "maintenanceWindow": "sun:03:30-sun:04:30",
            "performanceInsights": True,
            "logRetentionDays": 90,
        },
        "storage": {
            "storageClassName": "efs-sc",
            "transitionToIaDays": 30,
            "installCsiDriver": True,
            "basePath": "/airflow",
        },
        "certManager": {"solver": "http01"},
        "keda": {"highAvailability": True},
        "airflow": {
            "executor": "CeleryExecutor",
            "dags": {"source": "image"},
            "logsSize": "100Gi",
            "schedulerReplicas": 2,
            "apiServerReplicas": 2,
            "triggererReplicas": 2,
            "pgbouncer": True,
            "workers": {"minReplicas": 2, "maxReplicas": 20, "concurrency": 16},
            "tuning": {
                "parallelism": 256,
                "maxActiveTasksPerDag": 64,
                "schedulerHeartbeatSec": 5,
                "parsingProcesses": 4,
                "workerPodsCreationBatchSize": 32,
                "deleteWorkerPods": True,
            },
        },
    },
}

# Project keys a stack file may set; anything else under the namespace is a typo.
_TOP_LEVEL_KEYS = (
    "environment",
    "cluster",
    "database",
    "storage",
    "certManager",
    "keda",
    "airflow",
)


def _cross_field_rules(settings: PlatformSettings) -> list[tuple[str, Any, str]]:
    """Rules spanning several keys, and the invariants of a production stack:
    (key, value, what is allowed)."""
    problems: list[tuple[str, Any, str]] = []
    for index, subnet in enumerate(settings.cluster.private_subnets):
        if not subnet.availability_zone.startswith(settings.region):
            problems.append(
                (
                    f"cluster.privateSubnets[{index}].availabilityZone",
                    subnet.availability_zone,
                    f"allowed: a zone of region {settings.region} (aws:region)",
                )
            )
    if not settings.is_prod:
        return problems
    db = settings.database
    if not db.multi_az:
        problems.append(("database.multiAz", db.multi_az, "prod requires true"))
    if db.backup_retention_days < 7:
        problems.append(
            (
                "database.backupRetentionDays",
                db.backup_retention_days,
                "prod requires at least 7",
            )
        )
    af = settings.airflow
    for key, value in (
        ("airflow.schedulerReplicas", af.scheduler_replicas),
        ("airflow.apiServerReplicas", af.api_server_replicas),
        ("airflow.triggererReplicas", af.triggerer_replicas),
    ):
        if value < 2:
            problems.append((key, value, "prod requires at least 2 replicas"))
    if af.tuning.parallelism < 128:
        problems.append(
            (
                "airflow.tuning.parallelism",
                af.tuning.parallelism,
                "prod requires >= 128",
            )
        )
    if af.uses_kubernetes_executor and af.tuning.worker_pods_creation_batch_size < 16:
        problems.append(
            (
                "airflow.tuning.workerPodsCreationBatchSize",
                af.tuning.worker_pods_creation_batch_size,
                "prod with KubernetesExecutor requires >= 16",
            )
        )
    return problems


def _deep_merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _format_location(loc: tuple[Any, ...]) -> str:
    key = ""
    for part in loc:
        if isinstance(part, int):
            key += f"[{part}]"
        elif part in (
            "function-after",
            "function-before",
            "function-plain",
            "function-wrap",
        ):
            continue
        else:
            key += f".{part}" if key else str(part)
    return key


def _lookup(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        if (isinstance(data, Mapping) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and part < len(data)
        ):
            data = data[part]
        else:
            return None
    return data


def nested_model(annotation: Any) -> type[BaseModel] | None:
    """The config object type inside a field's annotation (X, X | None, list[X]), if any."""
    pending = [annotation]
    while pending:
        candidate = pending.pop()
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        pending.extend(getattr(candidate, "__args__", ()))
    return None


def _model_at(loc: tuple[Any, ...]) -> tuple[Any, Any]:
    """(model, field) reached by following `loc` from PlatformSettings; None where it ends."""
    model: Any = PlatformSettings
    field: Any = None
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None:
            return None, None
        field = next((f for f in model.model_fields.values() if (f.alias or "") == part), None)
        if field is None:
            return None, None
        model = nested_model(field.annotation)
    return model, field


def _allowed_keys(loc: tuple[Any, ...]) -> list[str]:
    """Field names the model at `loc` accepts, for 'unknown key' messages."""
    model, _ = _model_at(loc)
    if model is None:
        return []
    return [f.alias or name for name, f in model.model_fields.items()]


def _description(loc: tuple[Any, ...]) -> str:
    _, field = _model_at(loc)
    return f" ({field.description})" if field is not None and field.description else ""


def _key(path: str) -> str:
    return "aws:region" if path == "region" else f"{PROJECT}:{path}"


def parse_settings(raw: Mapping[str, Any]) -> PlatformSettings:
    """Validate raw stack config (project keys without namespace, plus `region`).

    Raises SettingsError naming every bad key; returns the typed settings otherwise.
    """
    problems: list[str] = []
    for key in raw:
        if key not in (*_TOP_LEVEL_KEYS, "region"):
            problems.append(
                f"{_key(key)}: unknown key; allowed keys: "
                + ", ".join(f"{PROJECT}:{k}" for k in _TOP_LEVEL_KEYS)
            )
    environment_value = raw.get("environment")
    try:
        environment = Environment(str(environment_value))
    except ValueError:
        problems.append(
            f"{_key('environment')}: got {environment_value!r}; allowed: 'dev' or 'prod'"
        )
        raise SettingsError(problems) from None
    if problems:
        raise SettingsError(problems)

    data = _deep_merge(ENVIRONMENT_DEFAULTS[environment], raw)
    try:
        settings = PlatformSettings.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            loc = tuple(item["loc"])
            path = _format_location(loc)
            if item["type"] == "extra_forbidden":
                allowed = _allowed_keys(loc[:-1])
                problems.append(
                    f"{_key(path)}: unknown key (typo?); allowed keys here: {', '.join(allowed)}"
                )
            elif item["type"] == "missing":
                problems.append(f"{_key(path)}: required but not set")
            else:
                message = item["msg"].removeprefix("Value error, ")
                value = _lookup(data, loc)
                # A rule over a whole object names the offending values in its message.
                given = "" if isinstance(value, Mapping) else f"got {value!r}; "
                hint = _description(loc) if item["type"] == "string_pattern_mismatch" else ""
                problems.append(f"{_key(path)}: {given}{message}{hint}")
        raise SettingsError(problems) from None

    problems = [f"{_key(k)}: got {v!r}; {rule}" for k, v, rule in _cross_field_rules(settings)]
    if problems:
        raise SettingsError(problems)
    return settings


def raw_config_from_pulumi() -> dict[str, Any]:
    """Collect this stack's config (structured values arrive as JSON strings) for parse_settings."""
    from pulumi.runtime import config as runtime_config

    everything: dict[str, Any] = {
        **runtime_config.get_config_env(),
        **runtime_config.CONFIG.get(),
    }
    raw: dict[str, Any] = {}
    for full_key, value in everything.items():
        if full_key == "aws:region":
            raw["region"] = value
        elif full_key.startswith(f"{PROJECT}:"):
            key = full_key.split(":", 1)[1]
            raw[key] = _decode(value)
    return raw


def _decode(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("{", "["):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


def load_settings() -> PlatformSettings:
    return parse_settings(raw_config_from_pulumi())
