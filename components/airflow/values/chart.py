"""The complete values for the Airflow chart, composed from one function per part."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from components.airflow.checksums import checksum_values
from components.airflow.generated_secrets import ASYNC_CONNECTION_KEY
from components.airflow.secret_names import SecretNames
from components.airflow.values.config import airflow_config
from components.airflow.values.dag_bundles import git_connection_env
from components.airflow.values.dags import dags_values
from components.airflow.values.identity import deep_merge, service_account_values
from components.airflow.values.ingress import ingress_values
from components.airflow.values.jobs import create_user_job, migrate_database_job
from components.airflow.values.kubernetes import resources
from components.airflow.values.logs import logs_values
from components.airflow.values.pgbouncer import pgbouncer_values
from components.airflow.values.remote_logs import remote_logging_options, secrets_backend_options
from components.airflow.values.rotation import rotation_values
from components.airflow.values.security import pod_security_values
from components.airflow.values.workers import redis_values, workers_values
from components.airflow.values.workloads import (
    api_server_values,
    dag_processor_values,
    scheduler_values,
    triggerer_values,
)
from components.settings import AirflowSettings, RotationSettings


@dataclass(frozen=True)
class AwsInputs:
    """What Airflow's pods need to reach AWS, resolved: the stack's region, the role of each chart
    section's service account ("workers.celery" -> ARN), the task log bucket (None: remote logs off)."""

    region: str = ""
    role_arns: dict[str, str] = field(default_factory=dict)
    log_bucket_name: str | None = None


@dataclass(frozen=True)
class ChartInputs:
    """What the values need from the rest of the platform, resolved to plain values."""

    storage_class_name: str
    issuer_name: str
    trusted_proxy_cidrs: list[str]
    image_repository: str
    rotation: RotationSettings = field(default_factory=RotationSettings)
    # settings.database.restore.source: a restored database rolls the pods that connect to it.
    database_restored_from: str | None = None
    # A managed broker replaces the chart's in-cluster Redis.
    managed_broker: bool = False
    aws: AwsInputs = field(default_factory=AwsInputs)
    # Chart section -> digest of the program's Secrets its pods read once at start.
    secret_checksums: dict[str, str] = field(default_factory=dict)


def chart_values(settings: AirflowSettings, inputs: ChartInputs) -> dict[str, Any]:
    """The complete values for the Airflow chart. Pure: secrets appear by Secret name only."""
    names = SecretNames(settings.release_name)
    storage_class = inputs.storage_class_name
    values = {
        **_core_values(settings, names, inputs.image_repository),
        "migrateDatabaseJob": migrate_database_job(),
        "createUserJob": create_user_job(settings, names),
        "scheduler": scheduler_values(settings),
        "apiServer": api_server_values(settings, inputs.trusted_proxy_cidrs),
        "triggerer": triggerer_values(settings),
        "dagProcessor": dag_processor_values(settings),
        "workers": workers_values(settings),
        "redis": redis_values(settings, names, storage_class, inputs.managed_broker),
        "logs": logs_values(settings, storage_class),
        "dags": dags_values(settings, storage_class),
        "ingress": ingress_values(settings, inputs.issuer_name),
        "pgbouncer": pgbouncer_values(settings),
    }
    for section, extra in rotation_values(inputs.rotation, inputs.database_restored_from).items():
        values[section] = {**values.get(section, {}), **extra}
    values = deep_merge(values, checksum_values(inputs.secret_checksums))
    values["config"] = deep_merge(values["config"], aws_config(settings, inputs.aws))
    values = deep_merge(values, pod_security_values(settings, values))
    return deep_merge(values, service_account_values(settings, inputs.aws.role_arns))


def aws_config(settings: AirflowSettings, aws: AwsInputs) -> dict[str, dict[str, str]]:
    """[logging] for remote task logs and [secrets] for the secrets backend, when they are on."""
    config = {}
    if aws.log_bucket_name is not None:
        config["logging"] = remote_logging_options(settings, aws.log_bucket_name)
    if settings.secrets_backend.enabled:
        config["secrets"] = secrets_backend_options(settings, aws.region)
    return config


def _core_values(
    settings: AirflowSettings, names: SecretNames, image_repository: str
) -> dict[str, Any]:
    """Image, executor, config, and the chart-wide switches."""
    image = settings.image
    return {
        # Objects are named `<release>-<component>`: the PgBouncer, Redis and API server host names
        # written into our Secrets and config rely on it.
        "useStandardNaming": False,
        "airflowVersion": image.airflow_version,
        "defaultAirflowRepository": image_repository,
        "defaultAirflowTag": image.tag,
        "images": {
            "airflow": {
                "repository": image_repository,
                "tag": image.tag,
                "pullPolicy": "IfNotPresent",
            }
        },
        "executor": settings.executor,
        "config": airflow_config(settings),
        **_secret_references(settings, names),
        "postgresql": {"enabled": False},
        "rbac": {"create": True},
        "multiNamespaceMode": False,
        "networkPolicies": {"enabled": True},
        "statsd": {"enabled": True, "resources": resources("20m", "64Mi", "128Mi")},
        "flower": {"enabled": False},
        "secret": [
            async_engine_env(names),
            *(
                {"envName": c.env_name, "secretName": c.secret_name, "secretKey": c.secret_key}
                for c in settings.connections
            ),
            *git_connection_env(settings),
        ],
    }


def async_engine_env(names: SecretNames) -> dict[str, str]:
    """Airflow 3's async engine URL for every Airflow container (the chart's `secret:` list): the
    one Airflow would derive from the sync URL fails to connect (see components/postgres.py)."""
    return {
        "envName": "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC",
        "secretName": names.metadata,
        "secretKey": ASYNC_CONNECTION_KEY,
    }


def _secret_references(settings: AirflowSettings, names: SecretNames) -> dict[str, Any]:
    """Our own Secrets, by name; the chart generates none of these."""
    data = {"metadataSecretName": names.metadata}
    if settings.uses_celery:
        data["resultBackendSecretName"] = names.result_backend
        data["brokerUrlSecretName"] = names.broker_url
    return {
        "fernetKeySecretName": names.fernet_key,
        "apiSecretKeySecretName": names.api_secret_key,
        "jwtSecretName": names.jwt_secret,
        "data": data,
    }
