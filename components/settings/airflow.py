"""Airflow itself: executors, replicas, workers and the tuning that differs per environment."""

from __future__ import annotations

from pydantic import Field, StrictBool, field_validator, model_validator

from components.settings import names
from components.settings.airflow_capacity import AirflowResources
from components.settings.airflow_sources import ConnectionSettings, DagSettings, ImageSettings
from components.settings.auth import AuthSettings
from components.settings.errors import cross_field
from components.settings.task_logs import TaskLogSettings
from components.settings.types import (
    ConfigModel,
    DnsLabel,
    DnsSubdomain,
    HostName,
    StorageQuantity,
)
from components.settings.workload_identity import SecretsBackendSettings, WorkloadIdentitySettings

# Executors Airflow 3 accepts by short name. The hybrid executors were removed in Airflow 3:
# a comma-separated list ("multiple executors") replaces them.
AIRFLOW3_EXECUTORS = ("LocalExecutor", "CeleryExecutor", "KubernetesExecutor")
_REMOVED_EXECUTORS = {
    "CeleryKubernetesExecutor": "CeleryExecutor,KubernetesExecutor",
    "LocalKubernetesExecutor": "LocalExecutor,KubernetesExecutor",
}


class WorkerSettings(ConfigModel):
    min_replicas: int = Field(ge=0, le=100, description="KEDA minimum Celery workers.")
    max_replicas: int = Field(ge=1, le=500, description="KEDA maximum Celery workers.")
    concurrency: int = Field(ge=1, le=256, description="Tasks per Celery worker.")
    cooldown_seconds: int = Field(
        ge=0,
        le=86400,
        description="KEDA cooldownPeriod: seconds without tasks before workers scale down.",
    )

    @model_validator(mode="after")
    def _bounds(self) -> WorkerSettings:
        if self.max_replicas < self.min_replicas:
            raise cross_field(
                "maxReplicas",
                f"allowed: at least minReplicas ({self.min_replicas}), e.g. "
                f"{max(self.min_replicas, 1) * 2}",
            )
        return self


class TuningSettings(ConfigModel):
    parallelism: int = Field(ge=1, le=4096, description="core.parallelism")
    max_active_tasks_per_dag: int = Field(
        ge=1, le=4096, description="core.max_active_tasks_per_dag"
    )
    scheduler_heartbeat_sec: int = Field(
        default=5, ge=1, le=60, description="scheduler.scheduler_heartbeat_sec"
    )
    parsing_processes: int = Field(ge=1, le=64, description="dag_processor.parsing_processes")
    worker_pods_creation_batch_size: int = Field(
        ge=1, le=256, description="kubernetes_executor.worker_pods_creation_batch_size"
    )
    delete_worker_pods: StrictBool = Field(
        default=True, description="kubernetes_executor.delete_worker_pods"
    )


class AirflowSettings(ConfigModel):
    namespace: DnsLabel = "airflow"
    release_name: DnsLabel = "airflow"
    host: HostName = Field(description="Public host name of the Airflow UI/API.")
    ingress_class_name: DnsSubdomain = Field(
        description="IngressClass of the cluster's controller."
    )
    ingress_controller_namespace: DnsLabel = Field(
        default="traefik",
        description="Namespace of the ingress controller's pods: the only namespace the API "
        "server admits connections from (besides the pods that run tasks).",
    )
    executor: str = Field(
        default="CeleryExecutor",
        description="Executor, or a comma-separated list of executors.",
    )
    image: ImageSettings = Field(default_factory=ImageSettings)
    dags: DagSettings
    logs_size: StorageQuantity = Field(description="Size of the RWX log claim on EFS.")
    logs: TaskLogSettings = Field(description="Task log retention and the S3 log bucket.")
    scheduler_replicas: int = Field(ge=1, le=10)
    api_server_replicas: int = Field(ge=1, le=20)
    triggerer_replicas: int = Field(ge=1, le=10)
    pgbouncer: StrictBool = Field(description="PgBouncer between Airflow and RDS.")
    pgbouncer_replicas: int = Field(ge=1, le=10, description="PgBouncer pods.")
    pgbouncer_pool_size: int = Field(
        ge=1, le=1000, description="pool_size: server connections from each PgBouncer to RDS."
    )
    pgbouncer_max_client_connections: int = Field(
        ge=1, le=100000, description="max_client_conn: client connections each PgBouncer accepts."
    )
    resources: AirflowResources = Field(description="Requests and limits of Airflow's pods.")
    pod_disruption_budgets: StrictBool = Field(
        description="A PodDisruptionBudget (maxUnavailable 1) for each replicated component."
    )
    spread_over_zones: StrictBool = Field(
        description="Replicas of each component prefer different availability zones."
    )
    keep_claims_on_uninstall: StrictBool = Field(
        description="helm.sh/resource-policy: keep on the log and DAG claims."
    )
    protect: StrictBool = Field(
        description="Pulumi protect on the namespace (which holds the claims) and the fernet key."
    )
    workers: WorkerSettings
    tuning: TuningSettings
    connections: list[ConnectionSettings] = Field(default_factory=list)
    workload_identity: WorkloadIdentitySettings = Field(
        default_factory=WorkloadIdentitySettings,
        description="The IAM role of the task pods (Celery workers, Kubernetes executor pods).",
    )
    secrets_backend: SecretsBackendSettings = Field(
        default_factory=SecretsBackendSettings,
        description="AWS Secrets Manager as Airflow's secrets backend.",
    )
    auth: AuthSettings = Field(
        default_factory=AuthSettings,
        description="How people sign in: single sign-on, and the break-glass admin.",
    )

    @field_validator("release_name")
    @classmethod
    def _release_name_fits(cls, name: str) -> str:
        return names.release_name(name)

    @field_validator("namespace")
    @classmethod
    def _own_namespace(cls, name: str) -> str:
        return names.airflow_namespace(name)

    @field_validator("executor")
    @classmethod
    def _airflow3_executor(cls, value: str) -> str:
        names = [part.strip() for part in value.split(",")]
        if not value.strip() or any(not n for n in names):
            raise ValueError(
                f"allowed: one or more of {', '.join(AIRFLOW3_EXECUTORS)}, comma-separated, "
                "e.g. CeleryExecutor,KubernetesExecutor"
            )
        for name in names:
            if name in _REMOVED_EXECUTORS:
                raise ValueError(
                    f"{name} was removed in Airflow 3; allowed: the multi-executor list, e.g. "
                    f"{_REMOVED_EXECUTORS[name]}"
                )
            if name not in AIRFLOW3_EXECUTORS:
                raise ValueError(
                    f"unknown executor {name!r}; allowed: {', '.join(AIRFLOW3_EXECUTORS)} "
                    "or a comma-separated list of them, e.g. CeleryExecutor"
                )
        if len(set(names)) != len(names):
            raise ValueError(
                "an executor is listed twice; allowed: each executor once, e.g. "
                "CeleryExecutor,KubernetesExecutor"
            )
        return ",".join(names)

    @model_validator(mode="after")
    def _pool_within_clients(self) -> AirflowSettings:
        if self.pgbouncer_pool_size > self.pgbouncer_max_client_connections:
            raise cross_field(
                "pgbouncerPoolSize",
                "allowed: at most pgbouncerMaxClientConnections "
                f"({self.pgbouncer_max_client_connections}), e.g. 20 with 500 client connections",
            )
        return self

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
