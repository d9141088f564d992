"""components/settings/storage.py: the EFS StorageClass settings."""

from __future__ import annotations

from components.settings import parse_settings
from tests.settings.stacks import VALID_DEV, assert_rejected, with_changes


def test_unknown_transition_lists_what_aws_offers() -> None:
    raw = with_changes(VALID_DEV, **{"storage.transitionToIaDays": 10})
    assert_rejected(raw, "airflow-platform:storage.transitionToIaDays", "one of 1, 7, 14, 30")


def test_relative_base_path_is_said_in_words() -> None:
    raw = with_changes(VALID_DEV, **{"storage.basePath": "airflow"})
    assert_rejected(raw, "airflow-platform:storage.basePath", "an absolute path")


def test_defaults_shared_by_every_environment() -> None:
    storage = parse_settings(VALID_DEV).storage
    assert storage.storage_class_name == "efs-sc"
    assert storage.base_path == "/airflow"
    assert storage.install_csi_driver is True
