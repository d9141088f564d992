"""The chart's PgBouncer Deployment, run with our own config Secret and client certificate."""

from __future__ import annotations

from typing import Any

from components.airflow.pgbouncer import PGBOUNCER_TLS_MOUNT
from components.airflow.secret_names import SecretNames
from components.airflow.values.kubernetes import (
    pod_disruption_budget,
    resources,
    spread_over_zones,
)
from components.settings import AirflowSettings


def pgbouncer_values(settings: AirflowSettings, is_prod: bool) -> dict[str, Any]:
    if not settings.pgbouncer:
        return {"enabled": False}
    names = SecretNames(settings.release_name)
    return {
        "enabled": True,
        "replicas": 2 if is_prod else 1,
        # Our own pgbouncer.ini/users.txt and exporter connection (the chart's would carry the
        # default postgres/postgres credentials and no TLS).
        "configSecretName": names.pgbouncer_config,
        "metricsExporterSidecar": {
            "statsSecretName": names.pgbouncer_stats,
            "statsSecretKey": "connection",
            "resources": resources("10m", "32Mi", "64Mi"),
        },
        "podDisruptionBudget": pod_disruption_budget(is_prod),
        "topologySpreadConstraints": spread_over_zones(settings.release_name, "pgbouncer", is_prod),
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
