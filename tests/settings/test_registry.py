"""components/settings/registry.py: the image registry's settings and the `ecr` image reference."""

from __future__ import annotations

import pytest

from components.settings import parse_settings
from tests.settings.stacks import VALID_DEV, assert_rejected, problem_line, prod, with_changes


def test_defaults_follow_the_environment() -> None:
    dev, production = parse_settings(VALID_DEV).registry, parse_settings(prod()).registry
    assert (dev.enabled, dev.keep_images, dev.protect) == (False, 10, False)
    assert (production.enabled, production.keep_images, production.protect) == (True, 100, True)
    assert dev.repository_name is None and dev.kms_key_arn is None


def test_a_stack_sets_its_own_values() -> None:
    raw = with_changes(
        VALID_DEV,
        **{
            "registry.enabled": True,
            "registry.repositoryName": "data/airflow",
            "registry.keepImages": 3,
        },
    )
    registry = parse_settings(raw).registry
    assert (registry.enabled, registry.repository_name, registry.keep_images) == (
        True,
        "data/airflow",
        3,
    )


@pytest.mark.parametrize("name", ["Data/Airflow", "data//airflow", "/airflow", "a", "air flow"])
def test_repository_names_follow_ecrs_rule(name: str) -> None:
    line = problem_line(
        with_changes(VALID_DEV, **{"registry.repositoryName": name}),
        "airflow-platform:registry.repositoryName",
    )
    assert repr(name) in line and "e.g." in line


@pytest.mark.parametrize("keep", [0, -1, 10001])
def test_lifecycle_keeps_at_least_one_image(keep: int) -> None:
    raw = with_changes(VALID_DEV, **{"registry.keepImages": keep})
    assert_rejected(raw, "airflow-platform:registry.keepImages", repr(keep))


def test_prod_registry_is_protected() -> None:
    line = problem_line(prod(**{"registry.protect": False}), "airflow-platform:registry.protect")
    assert line.endswith("got False; prod requires true")
    assert parse_settings(prod(**{"registry.enabled": False, "registry.protect": False}))


def test_ecr_needs_the_program_registry() -> None:
    raw = with_changes(VALID_DEV, **{"airflow.image.repository": "ecr"})
    line = problem_line(raw, "airflow-platform:airflow.image.repository")
    assert "got 'ecr'" in line and "airflow-platform:registry.enabled" in line
    assert "e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/airflow" in line
    enabled = with_changes(raw, **{"registry.enabled": True})
    assert parse_settings(enabled).airflow.image.repository == "ecr"


def test_unknown_registry_key_is_a_typo() -> None:
    raw = with_changes(VALID_DEV, **{"registry.keepImage": 5})
    assert_rejected(raw, "airflow-platform:registry.keepImage", "allowed keys here: enabled")


@pytest.mark.parametrize(
    "subject",
    [
        "repo:example-org/*:environment:dev",
        "repo:example-org/airflow-dags:pull_request",
        "repo:example-org/airflow-dags:*",
        "example-org/airflow-dags",
    ],
)
def test_ci_subjects_name_one_repository_environment_or_branch(subject: str) -> None:
    raw = with_changes(VALID_DEV, **{"registry.pushSubjects": [subject]})
    line = problem_line(raw, "airflow-platform:registry.pushSubjects[0]")
    assert "e.g. repo:example-org/airflow-dags:environment:dev" in line


def test_ci_subjects_of_an_environment_or_a_branch_are_accepted() -> None:
    subjects = [
        "repo:example-org/airflow-dags:environment:dev",
        "repo:example-org/airflow-dags:ref:refs/heads/main",
    ]
    raw = with_changes(VALID_DEV, **{"registry.pullSubjects": subjects})
    assert parse_settings(raw).registry.pull_subjects == subjects
