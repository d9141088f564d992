"""Invariants of a production stack: what a prod stack file may not turn off."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from components.settings.platform import PlatformSettings, Problem

# (key, the value in the settings, whether prod accepts it, what prod requires)
_Rule = tuple[str, Callable[[PlatformSettings], Any], Callable[[Any], bool], str]

_MUST_BE_TRUE: list[_Rule] = [
    (key, getter, bool, "prod requires true")
    for key, getter in (
        ("database.multiAz", lambda s: s.database.multi_az),
        ("database.protect", lambda s: s.database.protect),
        ("database.deletionProtection", lambda s: s.database.deletion_protection),
        ("database.finalSnapshot", lambda s: s.database.final_snapshot),
        ("storage.protect", lambda s: s.storage.protect),
        ("storage.automaticBackups", lambda s: s.storage.automatic_backups),
        ("broker.protect", lambda s: s.broker.protect),
    )
]

_RULES: list[_Rule] = [
    *_MUST_BE_TRUE,
    (
        "database.backupRetentionDays",
        lambda s: s.database.backup_retention_days,
        lambda days: days >= 7,
        "prod requires at least 7",
    ),
    (
        "database.monitoringIntervalSeconds",
        lambda s: s.database.monitoring_interval_seconds,
        lambda seconds: seconds > 0,
        "prod requires Enhanced Monitoring; allowed: 1, 5, 10, 15, 30 or 60, e.g. 60",
    ),
    (
        "broker.type",
        lambda s: s.broker.type,
        lambda kind: kind == "managed",
        "prod requires 'managed' (the in-cluster Redis is one pod on one volume: losing its zone "
        "loses the queued tasks)",
    ),
    (
        "broker.snapshotRetentionDays",
        lambda s: s.broker.snapshot_retention_days,
        lambda days: days >= 1,
        "prod requires at least 1",
    ),
    (
        "storage.reclaimPolicy",
        lambda s: s.storage.reclaim_policy,
        lambda policy: policy == "Retain",
        "prod requires 'Retain' (a deleted claim must not delete its logs or DAGs)",
    ),
    (
        "certManager.acmeServer",
        lambda s: s.cert_manager.acme_server,
        lambda server: server == "production",
        "prod requires 'production' (browsers reject staging certificates)",
    ),
    *[
        (key, getter, lambda replicas: replicas >= 2, "prod requires at least 2 replicas")
        for key, getter in (
            ("airflow.schedulerReplicas", lambda s: s.airflow.scheduler_replicas),
            ("airflow.apiServerReplicas", lambda s: s.airflow.api_server_replicas),
            ("airflow.triggererReplicas", lambda s: s.airflow.triggerer_replicas),
        )
    ],
    *[
        (key, getter, bool, "prod requires true: its logs and keys must survive")
        for key, getter in (
            ("airflow.protect", lambda s: s.airflow.protect),
            ("airflow.keepClaimsOnUninstall", lambda s: s.airflow.keep_claims_on_uninstall),
        )
    ],
    (
        # LocalExecutor runs tasks inside the scheduler pods: no capacity beyond them.
        "airflow.executor",
        lambda s: s.airflow.executor,
        lambda executor: executor.split(",")[0] != "LocalExecutor",
        "prod requires an executor that runs tasks beyond the scheduler pods first; allowed: "
        "CeleryExecutor or KubernetesExecutor (LocalExecutor only after them), e.g. "
        "CeleryExecutor",
    ),
    (
        # Burstable classes throttle to their baseline once CPU credits run out.
        "database.instanceClass",
        lambda s: s.database.instance_class,
        lambda instance_class: not instance_class.startswith("db.t"),
        "prod requires a class that is not burstable (db.t* classes slow down to a fraction of "
        "a CPU once their credits are spent); allowed: db.m* or db.r*, e.g. db.m7g.large",
    ),
    (
        "airflow.tuning.parallelism",
        lambda s: s.airflow.tuning.parallelism,
        lambda parallelism: parallelism >= 128,
        "prod requires >= 128",
    ),
]


def prod_rules(settings: PlatformSettings) -> list[Problem]:
    """Problems of a prod stack (none for dev)."""
    if not settings.is_prod:
        return []
    problems: list[Problem] = [
        (key, get(settings), rule) for key, get, ok, rule in _RULES if not ok(get(settings))
    ]
    s3_logs = settings.airflow.logs.s3
    if s3_logs.enabled and not s3_logs.protect:
        problems.append(("airflow.logs.s3.protect", s3_logs.protect, "prod requires true"))
    if settings.registry.enabled and not settings.registry.protect:
        problems.append(("registry.protect", settings.registry.protect, "prod requires true"))
    tuning = settings.airflow.tuning
    if settings.airflow.uses_kubernetes_executor and tuning.worker_pods_creation_batch_size < 16:
        problems.append(
            (
                "airflow.tuning.workerPodsCreationBatchSize",
                tuning.worker_pods_creation_batch_size,
                "prod with KubernetesExecutor requires >= 16",
            )
        )
    return problems
