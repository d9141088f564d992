"""Invariants of a production stack: what a prod stack file may not turn off."""

from __future__ import annotations

from components.settings.platform import PlatformSettings, Problem


def prod_rules(settings: PlatformSettings) -> list[Problem]:
    """Problems of a prod stack (none for dev)."""
    if not settings.is_prod:
        return []
    problems: list[Problem] = []
    db = settings.database
    if not db.multi_az:
        problems.append(("database.multiAz", db.multi_az, "prod requires true"))
    if db.backup_retention_days < 7:
        problems.append(
            ("database.backupRetentionDays", db.backup_retention_days, "prod requires at least 7")
        )
    if settings.registry.enabled and not settings.registry.protect:
        problems.append(("registry.protect", settings.registry.protect, "prod requires true"))
    af = settings.airflow
    for key, value in (
        ("airflow.schedulerReplicas", af.scheduler_replicas),
        ("airflow.apiServerReplicas", af.api_server_replicas),
        ("airflow.triggererReplicas", af.triggerer_replicas),
    ):
        if value < 2:
            problems.append((key, value, "prod requires at least 2 replicas"))
    for key, value in (
        ("airflow.protect", af.protect),
        ("airflow.keepClaimsOnUninstall", af.keep_claims_on_uninstall),
    ):
        if not value:
            problems.append((key, value, "prod requires true: its logs and keys must survive"))
    if af.tuning.parallelism < 128:
        problems.append(
            ("airflow.tuning.parallelism", af.tuning.parallelism, "prod requires >= 128")
        )
    if af.uses_kubernetes_executor and af.tuning.worker_pods_creation_batch_size < 16:
        problems.append(
            (
                "airflow.tuning.workerPodsCreationBatchSize",
                af.tuning.worker_pods_creation_batch_size,
                "prod with KubernetesExecutor requires >= 16",
            )
        )
    return problems
