"""The Kubernetes service accounts the Airflow chart creates, by the part of the chart that owns
them: IAM roles trust these exact names, and the chart's values annotate exactly these accounts."""

from __future__ import annotations

from dataclasses import dataclass

from components.settings import AirflowSettings

# The chart's name: its service accounts are `<release>-<suffix>` when the release name contains
# it, else `<release>-airflow-<suffix>` (templates/_helpers.yaml, airflow.serviceAccountName).
CHART_NAME = "airflow"


@dataclass(frozen=True)
class ServiceAccount:
    # Path of the chart section whose `serviceAccount` block creates and annotates the account.
    values_path: tuple[str, ...]
    name: str


def account_prefix(release_name: str) -> str:
    if CHART_NAME in release_name:
        return release_name
    return f"{release_name}-{CHART_NAME}"


def _account(settings: AirflowSettings, path: tuple[str, ...], suffix: str) -> ServiceAccount:
    return ServiceAccount(path, f"{account_prefix(settings.release_name)}-{suffix}")


def task_accounts(settings: AirflowSettings) -> list[ServiceAccount]:
    """The accounts task code runs as: Celery workers, the Kubernetes executor's task pods (their
    own account, workers.kubernetes), and with the LocalExecutor the scheduler, which runs tasks."""
    accounts = []
    if settings.uses_celery:
        accounts.append(_account(settings, ("workers", "celery"), "worker"))
    if settings.uses_kubernetes_executor:
        accounts.append(_account(settings, ("workers", "kubernetes"), "worker-kubernetes"))
    if "LocalExecutor" in settings.executors:
        accounts.append(scheduler_account(settings))
    return accounts


def scheduler_account(settings: AirflowSettings) -> ServiceAccount:
    return _account(settings, ("scheduler",), "scheduler")


def api_server_account(settings: AirflowSettings) -> ServiceAccount:
    return _account(settings, ("apiServer",), "api-server")


def triggerer_account(settings: AirflowSettings) -> ServiceAccount:
    return _account(settings, ("triggerer",), "triggerer")


def dag_processor_account(settings: AirflowSettings) -> ServiceAccount:
    return _account(settings, ("dagProcessor",), "dag-processor")
