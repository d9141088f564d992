"""components/settings/errors.py: the error's layout and how keys are named."""

from __future__ import annotations

from components.settings import (
    ClusterSettings,
    PrivateSubnet,
    SettingsError,
    full_key,
    nested_model,
)


def test_every_problem_on_its_own_line() -> None:
    error = SettingsError(["a: one", "b: two"])
    assert str(error) == "invalid stack configuration:\n  - a: one\n  - b: two"
    assert error.problems == ["a: one", "b: two"]


def test_region_is_aws_s_key_everything_else_the_project_s() -> None:
    assert full_key("region") == "aws:region"
    assert full_key("database.multiAz") == "airflow-platform:database.multiAz"


def test_nested_model_sees_through_optional_and_list() -> None:
    assert nested_model(ClusterSettings | None) is ClusterSettings
    assert nested_model(list[PrivateSubnet]) is PrivateSubnet
    assert nested_model(str) is None
