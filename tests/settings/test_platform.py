"""components/settings/platform.py: the whole stack, region rules and the README's reference."""

from __future__ import annotations

from typing import Any

from components.settings import Environment, PlatformSettings, nested_model, parse_settings
from tests.conftest import PROJECT_ROOT
from tests.settings.stacks import VALID_DEV, assert_rejected, with_changes


def test_valid_dev_parses_to_typed_objects() -> None:
    settings = parse_settings(VALID_DEV)
    assert isinstance(settings, PlatformSettings)
    assert settings.environment is Environment.DEV and not settings.is_prod
    assert settings.airflow.executors == ["CeleryExecutor"]


def test_zone_outside_the_region_is_named() -> None:
    raw = with_changes(VALID_DEV, region="us-east-1")
    key = "airflow-platform:cluster.privateSubnets[0].availabilityZone"
    assert_rejected(raw, key, "a zone of region us-east-1")


def test_malformed_region_is_said_in_words() -> None:
    assert_rejected(with_changes(VALID_DEV, region="Ireland"), "aws:region", "e.g. eu-west-1")


def _leaf_keys(model: Any, prefix: str = "") -> list[str]:
    keys = []
    for name, field in model.model_fields.items():
        alias = field.alias or name
        sub = nested_model(field.annotation)
        if sub is None:
            keys.append(prefix + alias)
        else:
            is_list = "list[" in str(field.annotation)
            keys += _leaf_keys(sub, f"{prefix}{alias}{'[]' if is_list else ''}.")
    return keys


def test_readme_documents_every_config_key() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text()
    for key in _leaf_keys(PlatformSettings):
        if key == "region":
            assert "`aws:region`" in readme
            continue
        parent, _, leaf = key.rpartition(".")
        assert f"`{key}`" in readme or (f"`{parent}." in readme and f".{leaf}`" in readme), key


def test_components_receive_decisions_not_the_environment() -> None:
    components = PROJECT_ROOT / "components"
    readers = sorted(
        str(path.relative_to(components))
        for path in components.rglob("*.py")
        if "is_prod" in path.read_text() or "Environment" in path.read_text()
    )
    assert readers, "the settings themselves read it"
    assert all(r.startswith("settings/") for r in readers), readers
    assert "is_prod" not in (PROJECT_ROOT / "__main__.py").read_text()
