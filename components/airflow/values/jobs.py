"""The chart's one-shot Jobs: the database migration, and (where enabled) a bootstrap admin user."""

from __future__ import annotations

from typing import Any

from components.airflow.secret_names import SecretNames
from components.airflow.values.kubernetes import resources

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD_ENV = "AIRFLOW_ADMIN_PASSWORD"


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


def create_user_job(is_prod: bool, names: SecretNames, admin_email: str) -> dict[str, Any]:
    if is_prod:
        # No bootstrap admin in prod: users come from the identity provider / auth manager.
        return {"enabled": False}
    return {
        "enabled": True,
        "useHelmHooks": False,
        "applyCustomEnv": False,
        "ttlSecondsAfterFinished": 300,
        "defaultUser": {
            "role": "Admin",
            "username": ADMIN_USERNAME,
            "email": admin_email,
            "firstName": "Platform",
            "lastName": "Admin",
        },
        # The password comes from a Secret through the environment, never through values.
        "args": [
            "bash",
            "-c",
            f'exec airflow users create "$@" --password "${ADMIN_PASSWORD_ENV}"',
            "--",
            *_user_flags(admin_email),
        ],
        "env": [
            {
                "name": ADMIN_PASSWORD_ENV,
                "valueFrom": {"secretKeyRef": {"name": names.admin_password, "key": "password"}},
            }
        ],
        "resources": resources("100m", "512Mi", "1Gi"),
    }


def _user_flags(admin_email: str) -> list[str]:
    return [
        "--role",
        "Admin",
        "--username",
        ADMIN_USERNAME,
        "--email",
        admin_email,
        "--firstname",
        "Platform",
        "--lastname",
        "Admin",
    ]
