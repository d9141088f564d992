"""components/settings/defaults.py: per-environment defaults hold only what differs."""

from __future__ import annotations

from typing import Any

from components.settings import ENVIRONMENT_DEFAULTS, Environment, parse_settings
from tests.settings.stacks import VALID_DEV, prod, with_changes


def _leaves(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    leaves: dict[str, Any] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            leaves |= _leaves(value, f"{prefix}{key}.")
        else:
            leaves[prefix + key] = value
    return leaves


def test_every_default_differs_between_environments() -> None:
    dev = _leaves(ENVIRONMENT_DEFAULTS[Environment.DEV])
    prod_ = _leaves(ENVIRONMENT_DEFAULTS[Environment.PROD])
    assert dev.keys() == prod_.keys()
    same = {key for key in dev if dev[key] == prod_[key]}
    assert not same, f"the same in both environments, make them field defaults: {same}"


def test_dev_defaults_are_small_and_disposable() -> None:
    s = parse_settings(VALID_DEV)
    assert s.database.instance_class == "db.t4g.micro"
    assert s.database.multi_az is False
    assert s.database.backup_retention_days == 1
    assert s.database.performance_insights is False
    assert s.database.monitoring_interval_seconds == 0
    assert s.airflow.pgbouncer is False
    assert s.airflow.scheduler_replicas == s.airflow.api_server_replicas == 1
    assert s.airflow.dags.source == "gitSync"


def test_prod_defaults_are_highly_available_and_backed_up() -> None:
    s = parse_settings(prod())
    assert s.is_prod
    assert s.database.multi_az is True
    assert s.database.backup_retention_days >= 7
    assert s.database.performance_insights is True
    assert s.database.monitoring_interval_seconds == 60
    assert s.airflow.pgbouncer is True
    replicas = (s.airflow.scheduler_replicas, s.airflow.api_server_replicas)
    assert min(*replicas, s.airflow.triggerer_replicas) >= 2
    assert s.airflow.tuning.parallelism >= 128
    assert s.airflow.tuning.worker_pods_creation_batch_size >= 16
    assert s.airflow.dags.source == "image"


def test_stack_values_override_defaults_without_losing_siblings() -> None:
    s = parse_settings(with_changes(VALID_DEV, **{"database.instanceClass": "db.t4g.small"}))
    assert s.database.instance_class == "db.t4g.small"
    assert s.database.allocated_storage_gb == 20
