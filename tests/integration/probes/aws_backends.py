"""What Airflow itself builds from its config for AWS: the secrets backends it searches, in order,
and the remote task log handler with the connection id its S3 hook uses. Creates boto3 clients
(no request is sent) to read the region they resolved. Prints one JSON line."""

from __future__ import annotations

import json
from typing import Any


def secrets() -> list[dict[str, Any]]:
    from airflow.configuration import ensure_secrets_loaded

    found = []
    backend: Any  # the provider's attributes, which the base class does not declare
    for backend in ensure_secrets_loaded():
        entry: dict[str, Any] = {"class": f"{type(backend).__module__}.{type(backend).__name__}"}
        if type(backend).__name__ == "SecretsManagerBackend":
            entry |= {
                "connections_prefix": backend.connections_prefix,
                "variables_prefix": backend.variables_prefix,
                "config_prefix": backend.config_prefix,
                "region": backend.client.meta.region_name,
            }
        found.append(entry)
    return found


def remote_logs() -> dict[str, Any] | None:
    from airflow.config_templates import airflow_local_settings as local
    from airflow.sdk.log import load_remote_conn_id

    handler: Any = local.REMOTE_TASK_LOG
    if handler is None:
        return None
    return {
        "class": type(handler).__name__,
        "remote_base": handler.remote_base,
        "delete_local_copy": handler.delete_local_copy,
        "hook_conn_id": handler.hook.aws_conn_id,
        # What the task supervisor looks up (and, not finding it, leaves to boto3's chain).
        "supervisor_conn_id": load_remote_conn_id(),
    }


def main() -> None:
    print(json.dumps({"secrets": secrets(), "remote_logs": remote_logs()}))


if __name__ == "__main__":
    main()
