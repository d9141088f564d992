"""components/settings/storage.py: the EFS StorageClass settings."""

from __future__ import annotations

from components.settings import parse_settings
from tests.settings.stacks import VALID_DEV, assert_rejected, problem_line, with_changes


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
    assert storage.csi_driver_role_arn is None


ROLE = "arn:aws:iam::123456789012:role/efs-csi-driver"
KEY = "airflow-platform:storage.csiDriverRoleArn"


def test_a_cluster_s_own_driver_needs_its_role_named() -> None:
    """The file system admits only the role that mounts: without it, no volume would mount."""
    raw = with_changes(VALID_DEV, **{"storage.installCsiDriver": False})
    line = problem_line(raw, KEY)
    assert line.strip().startswith(f"- {KEY}: not set; required when installCsiDriver is false")
    assert f"e.g. {ROLE}" in line
    given = with_changes(raw, **{"storage.csiDriverRoleArn": ROLE})
    assert parse_settings(given).storage.csi_driver_role_arn == ROLE


def test_the_role_is_refused_when_the_program_installs_the_driver() -> None:
    raw = with_changes(VALID_DEV, **{"storage.csiDriverRoleArn": ROLE})
    assert_rejected(raw, KEY, f"got {ROLE!r}; allowed only with installCsiDriver false")


def test_the_role_must_be_a_role_of_the_stack_s_partition() -> None:
    own = {"storage.installCsiDriver": False}
    assert_rejected(
        with_changes(VALID_DEV, **own, **{"storage.csiDriverRoleArn": "efs-csi-driver"}),
        KEY,
        "allowed: the ARN of an IAM role, e.g. arn:aws:iam::123456789012:role/efs-csi-driver",
    )
    china = ROLE.replace("arn:aws:", "arn:aws-cn:")
    assert_rejected(
        with_changes(VALID_DEV, **own, **{"storage.csiDriverRoleArn": china}),
        KEY,
        "allowed: a role ARN of partition aws (region eu-west-1)",
    )
