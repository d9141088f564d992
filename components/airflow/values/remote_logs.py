"""Remote task logs in S3 and the Secrets Manager backend: the `config:` options for them, by the
names Airflow 3 and its Amazon provider read (options.json)."""

from __future__ import annotations

import json
from typing import Any

from components.settings import AirflowSettings

SECRETS_MANAGER_BACKEND = (
    "airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend"
)


def remote_logging_options(settings: AirflowSettings, bucket_name: str) -> dict[str, str]:
    """[logging] for S3. No connection id: the Amazon provider then uses boto3's own credential
    chain, i.e. the IRSA role (a named id would first be looked up in every secrets backend)."""
    return {
        "remote_logging": "True",
        "remote_base_log_folder": f"s3://{bucket_name}/{settings.logs.s3.prefix}",
        "remote_log_conn_id": "",
        # True would upload with SSE-S3 (AES256) and override the bucket's KMS key.
        "encrypt_s3_logs": "False",
        # The shared EFS claim keeps its copy until the groomers' retention.
        "delete_local_logs": "False",
    }


def secrets_backend_options(settings: AirflowSettings, region: str) -> dict[str, str]:
    """[secrets] for AWS Secrets Manager; configuration lookups are off (`config_prefix` null), so
    the roles need read access to the two prefixes only."""
    backend = settings.secrets_backend
    kwargs: dict[str, Any] = {
        "connections_prefix": backend.connections_prefix,
        "variables_prefix": backend.variables_prefix,
        "config_prefix": None,
        "region_name": region,
    }
    return {"backend": SECRETS_MANAGER_BACKEND, "backend_kwargs": json.dumps(kwargs)}
