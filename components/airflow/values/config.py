"""The chart's `config:` section: airflow.cfg overrides."""

from __future__ import annotations

from typing import Any

from components.airflow.addresses import execution_api_url
from components.airflow.values.dag_bundles import dag_bundle_options
from components.settings import AirflowSettings

FAB_AUTH_MANAGER = "airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager"


def airflow_config(settings: AirflowSettings) -> dict[str, dict[str, Any]]:
    """The `config:` overrides, by option names Airflow 3 really reads (options.json)."""
    tuning = settings.tuning
    config: dict[str, dict[str, Any]] = {
        "core": {
            "parallelism": tuning.parallelism,
            "max_active_tasks_per_dag": tuning.max_active_tasks_per_dag,
            "execution_api_server_url": execution_api_url(settings),
            "load_examples": "False",
            # Users, roles and sign-in (single sign-on, break-glass) are the FAB auth manager's.
            "auth_manager": FAB_AUTH_MANAGER,
        },
        "api": {"base_url": f"https://{settings.host}/"},
        "scheduler": {"scheduler_heartbeat_sec": tuning.scheduler_heartbeat_sec},
        "dag_processor": {
            "parsing_processes": tuning.parsing_processes,
            **dag_bundle_options(settings),
        },
        "metrics": {"statsd_on": "True"},
    }
    if settings.uses_celery:
        # The chart's KEDA query divides queued+running tasks by exactly this value.
        config["celery"] = {"worker_concurrency": settings.workers.concurrency}
    if settings.uses_kubernetes_executor:
        config["kubernetes_executor"] = {
            "worker_pods_creation_batch_size": tuning.worker_pods_creation_batch_size,
            "delete_worker_pods": str(tuning.delete_worker_pods),
        }
    return config
