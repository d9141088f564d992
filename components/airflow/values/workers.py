"""Task workers: Celery workers scaled by KEDA (with Redis as their broker), and the pods of the
Kubernetes executor."""

from __future__ import annotations

from typing import Any

from components.airflow.secret_names import SecretNames
from components.airflow.values.kubernetes import log_groomer, resources
from components.settings import AirflowSettings


def workers_values(settings: AirflowSettings, is_prod: bool) -> dict[str, Any]:
    return {
        "celery": {
            # A Deployment (no per-worker volume), so KEDA can scale it.
            "persistence": {"enabled": False},
            "keda": _keda(settings, is_prod),
            "resources": resources("500m" if is_prod else "250m", "2Gi" if is_prod else "1Gi"),
            "logGroomerSidecar": log_groomer(),
        },
        "kubernetes": {
            "resources": resources("250m" if is_prod else "100m", "1Gi" if is_prod else "512Mi"),
        },
    }


def _keda(settings: AirflowSettings, is_prod: bool) -> dict[str, Any]:
    return {
        "enabled": settings.uses_celery,
        "minReplicaCount": settings.workers.min_replicas,
        "maxReplicaCount": settings.workers.max_replicas,
        "pollingInterval": 5,
        "cooldownPeriod": 300 if is_prod else 60,
        # The scaler reads task counts straight from RDS (kedaConnection), not via
        # PgBouncer's transaction pool, and needs no network-policy hole for KEDA.
        "usePgbouncer": False,
    }


def redis_values(settings: AirflowSettings, names: SecretNames) -> dict[str, Any]:
    """Redis is only the Celery broker: off without Celery."""
    if not settings.uses_celery:
        return {"enabled": False}
    return {
        "enabled": True,
        "passwordSecretName": names.redis_password,
        "resources": resources("100m", "256Mi", "512Mi"),
    }
