"""A dev stack that flips every decision the components take from settings.

Components must follow their settings, not the environment: in this dev stack they must behave as
the settings say (prod-like protection, the production ACME server, other replicas and resources).
"""

from __future__ import annotations

from typing import Any

from tests.conftest import ProgramRun, cached_run

WEBHOOK_RESOURCES = {"cpu": "30m", "memory": "96Mi", "memoryLimit": "1Gi"}
KEDA_RESOURCES = {"cpu": "100m", "memory": "256Mi", "memoryLimit": "1Gi"}

DECISIONS: dict[str, Any] = {
    "airflow-platform:database": {
        "protect": True,
        "deletionProtection": True,
        "finalSnapshot": True,
        "deleteAutomatedBackups": False,
        "applyImmediately": False,
    },
    "airflow-platform:storage": {
        "protect": True,
        "automaticBackups": True,
        "reclaimPolicy": "Retain",
    },
    "airflow-platform:certManager": {
        "acmeServer": "production",
        "replicas": 3,
        "resources": {"webhook": WEBHOOK_RESOURCES},
    },
    "airflow-platform:keda": {"resources": KEDA_RESOURCES},
}


def dev_with_flipped_decisions() -> ProgramRun:
    return cached_run("dev", DECISIONS)
