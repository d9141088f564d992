"""Task logs: one RWX claim on EFS shared by every component (remote logging would live here too)."""

from __future__ import annotations

from typing import Any

from components.airflow.values.kubernetes import keep_annotation
from components.settings import AirflowSettings


def logs_values(settings: AirflowSettings, storage_class_name: str) -> dict[str, Any]:
    return {
        "persistence": {
            "enabled": True,
            "size": settings.logs_size,
            "storageClassName": storage_class_name,
            "annotations": keep_annotation(settings.keep_claims_on_uninstall),
        }
    }
