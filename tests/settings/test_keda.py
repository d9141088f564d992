"""components/settings/keda.py: KEDA's availability."""

from __future__ import annotations

from components.settings import parse_settings
from tests.settings.stacks import VALID_DEV, assert_rejected, prod, with_changes


def test_high_availability_follows_the_environment() -> None:
    assert parse_settings(VALID_DEV).keda.high_availability is False
    assert parse_settings(prod()).keda.high_availability is True


def test_unknown_keda_key_is_a_typo() -> None:
    raw = with_changes(VALID_DEV, **{"keda.bogus": 1})
    assert_rejected(raw, "airflow-platform:keda.bogus", "allowed keys here: highAvailability")
