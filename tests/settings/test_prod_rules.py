"""components/settings/prod_rules.py: what a prod stack file may not turn off."""

from __future__ import annotations

from typing import Any

import pytest

from components.settings import parse_settings
from tests.settings.stacks import VALID_DEV, assert_rejected, prod, with_changes

BAD = [
    ("single-AZ database", {"database.multiAz": False}, "database.multiAz", "prod requires true"),
    ("unprotected database", {"database.protect": False}, "database.protect", "prod requires true"),
    ("deletable database", {"database.deletionProtection": False},
     "database.deletionProtection", "prod requires true"),
    ("no final snapshot", {"database.finalSnapshot": False}, "database.finalSnapshot",
     "prod requires true"),
    ("unprotected file system", {"storage.protect": False}, "storage.protect",
     "prod requires true"),
    ("no file system backups", {"storage.automaticBackups": False}, "storage.automaticBackups",
     "prod requires true"),
    ("volumes deleted with claims", {"storage.reclaimPolicy": "Delete"}, "storage.reclaimPolicy",
     "prod requires 'Retain'"),
    ("staging certificates", {"certManager.acmeServer": "staging"}, "certManager.acmeServer",
     "prod requires 'production'"),
    ("single API server", {"airflow.apiServerReplicas": 1}, "airflow.apiServerReplicas",
     "at least 2"),
    ("no enhanced monitoring", {"database.monitoringIntervalSeconds": 0},
     "database.monitoringIntervalSeconds", "prod requires Enhanced Monitoring; allowed: 1, 5"),
    ("short backups", {"database.backupRetentionDays": 3}, "database.backupRetentionDays",
     "at least 7"),
    ("single scheduler", {"airflow.schedulerReplicas": 1}, "airflow.schedulerReplicas",
     "at least 2"),
    ("single triggerer", {"airflow.triggererReplicas": 1}, "airflow.triggererReplicas",
     "at least 2"),
    ("low parallelism", {"airflow.tuning": {"parallelism": 64}}, "airflow.tuning.parallelism",
     ">= 128"),
    ("small Kubernetes batches",
     {"airflow.executor": "KubernetesExecutor", "airflow.tuning": {"workerPodsCreationBatchSize": 4}},
     "airflow.tuning.workerPodsCreationBatchSize", ">= 16"),
    ("unprotected state", {"airflow.protect": False}, "airflow.protect", "prod requires true"),
    ("in-cluster broker", {"broker.type": "in-cluster"}, "broker.type", "prod requires 'managed'"),
    ("unprotected broker", {"broker.protect": False}, "broker.protect", "prod requires true"),
    ("no broker snapshots", {"broker.snapshotRetentionDays": 0}, "broker.snapshotRetentionDays",
     "at least 1"),
    ("claims dropped on uninstall", {"airflow.keepClaimsOnUninstall": False},
     "airflow.keepClaimsOnUninstall", "prod requires true"),
    ("unprotected log bucket", {"airflow.logs.s3.protect": False}, "airflow.logs.s3.protect",
     "prod requires true"),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "key", "rule"), [pytest.param(*r[1:], id=r[0]) for r in BAD])
def test_prod_invariants_are_enforced(changes: dict[str, Any], key: str, rule: str) -> None:
    assert_rejected(prod(**changes), f"airflow-platform:{key}", rule)


def test_prod_may_override_what_is_not_an_invariant() -> None:
    changes = {"database.applyImmediately": True, "certManager.replicas": 1}
    settings = parse_settings(prod(**changes))
    assert settings.database.apply_immediately and settings.cert_manager.replicas == 1


def test_dev_may_be_small() -> None:
    raw = with_changes(VALID_DEV, **{"database.multiAz": False, "airflow.schedulerReplicas": 1})
    assert not parse_settings(raw).is_prod
    assert (
        parse_settings(with_changes(VALID_DEV, **{"airflow.protect": False})).airflow.protect
        is False
    )
