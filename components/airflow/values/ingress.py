"""The API server's ingress, with its TLS certificate from the cluster's cert-manager issuer."""

from __future__ import annotations

from typing import Any

from components.airflow.secret_names import SecretNames
from components.settings import AirflowSettings


def ingress_values(settings: AirflowSettings, issuer_name: str) -> dict[str, Any]:
    return {
        "apiServer": {
            "enabled": True,
            "ingressClassName": settings.ingress_class_name,
            "annotations": {"cert-manager.io/cluster-issuer": issuer_name},
            "path": "/",
            "pathType": "Prefix",
            "hosts": [
                {
                    "name": settings.host,
                    "tls": {
                        "enabled": True,
                        "secretName": SecretNames(settings.release_name).ingress_tls,
                    },
                }
            ],
        }
    }
