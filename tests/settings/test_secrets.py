"""components/settings/secrets.py: rotation numbers, 0 until a secret is first rotated."""

from __future__ import annotations

from components.settings import parse_settings
from tests.settings.stacks import VALID_DEV, assert_rejected, with_changes


def test_nothing_is_rotated_by_default() -> None:
    assert parse_settings(VALID_DEV).secrets.rotation.nonzero() == {}


def test_raised_numbers_are_listed_by_their_config_names() -> None:
    raw = with_changes(VALID_DEV, **{"secrets.rotation": {"fernetKey": 2, "jwtSecret": 1}})
    assert parse_settings(raw).secrets.rotation.nonzero() == {"fernetKey": 2, "jwtSecret": 1}


def test_bad_rotation_values_are_named() -> None:
    raw = with_changes(VALID_DEV, **{"secrets.rotation": {"fernetKey": -1}})
    assert_rejected(raw, "airflow-platform:secrets.rotation.fernetKey", "allowed: 0 to 1000")
    raw = with_changes(VALID_DEV, **{"secrets.rotation": {"fernet": 1}})
    assert_rejected(raw, "airflow-platform:secrets.rotation.fernet", "unknown key")
