"""The chart's one-shot Jobs: the database migration, and the break-glass admin user."""

from __future__ import annotations

from typing import Any

from components.airflow.break_glass import create_user_job_values
from components.airflow.secret_names import SecretNames
from components.airflow.values.kubernetes import resources
from components.settings import AirflowSettings


def migrate_database_job() -> dict[str, Any]:
    return {
        "enabled": True,
        # Helm hooks deadlock with a release that waits for readiness: pods wait for the
        # migration that a post-install hook would only start after they are ready.
        "useHelmHooks": False,
        "applyCustomEnv": False,
        "ttlSecondsAfterFinished": 300,
        "resources": resources("200m", "512Mi", "1Gi"),
    }


def create_user_job(settings: AirflowSettings, names: SecretNames) -> dict[str, Any]:
    """The break-glass admin's create-or-update Job (components/airflow/break_glass.py)."""
    return create_user_job_values(
        settings.auth.break_glass,
        settings.host,
        names.admin_password,
        resources("100m", "512Mi", "1Gi"),
    )
