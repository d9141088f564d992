"""The chart's PgBouncer Deployment, run with our own config Secret and client certificate."""

from __future__ import annotations

from typing import Any

from components.airflow.pgbouncer import PGBOUNCER_TLS_MOUNT
from components.airflow.secret_names import SecretNames
from components.airflow.values.kubernetes import high_availability, resources
from components.settings import AirflowSettings


def pgbouncer_values(settings: AirflowSettings) -> dict[str, Any]:
    if not settings.pgbouncer:
        return {"enabled": False}
    names = SecretNames(settings.release_name)
    return {
        "enabled": True,
        "replicas": settings.pgbouncer_replicas,
        # Our own pgbouncer.ini/users.txt and exporter connection (the chart's would carry the
        # default postgres/postgres credentials and no TLS).
        "configSecretName": names.pgbouncer_config,
        "metricsExporterSidecar": {
            "statsSecretName": names.pgbouncer_stats,
            "statsSecretKey": "connection",
            "resources": resources("10m", "32Mi", "64Mi"),
        },
        **high_availability(settings, "pgbouncer"),
        "resources": resources("100m", "128Mi", "256Mi"),
        "extraVolumes": [
            {
                "name": "client-tls",
                "secret": {"secretName": names.pgbouncer_tls, "defaultMode": 0o444},
            }
        ],
        "extraVolumeMounts": [
            {"name": "client-tls", "mountPath": PGBOUNCER_TLS_MOUNT, "readOnly": True}
        ],
    }
