"""Task workers: Celery workers scaled by KEDA (with Redis as their broker), and the pods of the
Kubernetes executor."""

from __future__ import annotations

from typing import Any

from components.airflow.secret_names import SecretNames
from components.airflow.values.kubernetes import pod_resources, resources
from components.settings import AirflowSettings


def workers_values(settings: AirflowSettings) -> dict[str, Any]:
    return {
        "celery": {
            # A Deployment (no per-worker volume), so KEDA can scale it.
            "persistence": {"enabled": False},
            "keda": _keda(settings),
            "resources": pod_resources(settings.resources.celery_worker),
            # The chart grooms only a worker's own volume; task logs are on the shared claim,
            # which the scheduler's, triggerer's and DAG processor's groomers already trim.
            "logGroomerSidecar": {"enabled": False},
        },
        "kubernetes": {
            "resources": pod_resources(settings.resources.kubernetes_worker),
        },
    }


def _keda(settings: AirflowSettings) -> dict[str, Any]:
    return {
        "enabled": settings.uses_celery,
        "minReplicaCount": settings.workers.min_replicas,
        "maxReplicaCount": settings.workers.max_replicas,
        "pollingInterval": 5,
        "cooldownPeriod": settings.workers.cooldown_seconds,
        # The scaler reads task counts straight from RDS (kedaConnection), not via
        # PgBouncer's transaction pool, and needs no network-policy hole for KEDA.
        "usePgbouncer": False,
    }


def redis_values(
    settings: AirflowSettings, names: SecretNames, storage_class: str, managed_broker: bool = False
) -> dict[str, Any]:
    """Redis is only the Celery broker: off without Celery, or with a managed broker. Its volume
    names its StorageClass: the cluster's default may be zonal EBS, or none at all."""
    if not settings.uses_celery or managed_broker:
        return {"enabled": False}
    return {
        "enabled": True,
        "passwordSecretName": names.redis_password,
        "persistence": {"storageClassName": storage_class},
        "resources": resources("100m", "256Mi", "512Mi"),
    }
