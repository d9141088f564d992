"""From Pulumi config to typed settings, or one error naming every bad key.

Every key lives under the project namespace (``airflow-platform:<key>``) except ``aws:region``.
Environment defaults are applied first, the stack file's values on top, and the result is validated
as a whole. Any problem raises one :class:`SettingsError` that names each full config key, the value
given and what is allowed, before the program registers a single resource.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from components.settings.defaults import ENVIRONMENT_DEFAULTS
from components.settings.error_words import rule_in_words
from components.settings.errors import (
    CROSS_FIELD,
    PROJECT,
    SettingsError,
    full_key,
    nested_model,
)
from components.settings.platform import (
    PlatformSettings,
    alarm_rules,
    dag_bundle_rules,
    identity_rules,
    region_rules,
    registry_rules,
)
from components.settings.prod_rules import prod_rules
from components.settings.stack_keys import unread_key_problems
from components.settings.types import Environment

# Project keys a stack file may set; anything else under the namespace is a typo.
_TOP_LEVEL_KEYS = (
    "environment",
    "cluster",
    "database",
    "storage",
    "certManager",
    "keda",
    "broker",
    "registry",
    "airflow",
    "monitoring",
    "secrets",
    "dns",
)
# Every section starts empty, so a missing one reports its missing keys one by one.
_SECTIONS: dict[str, Any] = {key: {} for key in _TOP_LEVEL_KEYS if key != "environment"}


def _deep_merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _format_location(loc: tuple[Any, ...]) -> str:
    key = ""
    for part in loc:
        if isinstance(part, int):
            key += f"[{part}]"
        elif part in ("function-after", "function-before", "function-plain", "function-wrap"):
            continue
        else:
            key += f".{part}" if key else str(part)
    return key


def _lookup(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        if (isinstance(data, Mapping) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and part < len(data)
        ):
            data = data[part]
        else:
            return None
    return data


def _model_at(loc: tuple[Any, ...]) -> Any:
    """The config object type reached by following `loc` from PlatformSettings, or None."""
    model: Any = PlatformSettings
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None:
            return None
        field = next((f for f in model.model_fields.values() if (f.alias or "") == part), None)
        if field is None:
            return None
        model = nested_model(field.annotation)
    return model


def _allowed_keys(loc: tuple[Any, ...]) -> list[str]:
    """Field names the model at `loc` accepts, for 'unknown key' messages."""
    model = _model_at(loc)
    if model is None:
        return []
    return [f.alias or name for name, f in model.model_fields.items()]


_BOUND_ERRORS = ("greater_than_equal", "less_than_equal", "greater_than", "less_than")


def _number_range(loc: tuple[Any, ...]) -> str:
    """'; allowed: <lowest> to <highest>, e.g. <example>' for a bounded number field, else ''."""
    model = _model_at(loc[:-1])
    field = model and next((f for f in model.model_fields.values() if f.alias == loc[-1]), None)
    if field is None:
        return ""
    low = next((m.ge for m in field.metadata if hasattr(m, "ge")), None)
    high = next((m.le for m in field.metadata if hasattr(m, "le")), None)
    if low is None or high is None:
        return ""
    example = field.default if isinstance(field.default, int | float) else low
    return f"; allowed: {low} to {high}, e.g. {example}"


def _field_at(loc: tuple[Any, ...]) -> Any:
    """The pydantic field a location ends at, or None."""
    model = _model_at(loc[:-1])
    fields = model.model_fields.values() if model is not None else ()
    return next((f for f in fields if f.alias == loc[-1]), None) if loc else None


def _problem(item: ErrorDetails, data: Mapping[str, Any]) -> str:
    """One validation error as a line: the full key, the value given and the rule in words."""
    loc = tuple(item["loc"])
    if item["type"] == CROSS_FIELD:  # a rule over a block, naming the field to change
        loc += tuple(str(dict(item.get("ctx") or {})["field"]).split("."))
    key = full_key(_format_location(loc))
    if item["type"] == "extra_forbidden":
        return (
            f"{key}: unknown key (typo?); allowed keys here: {', '.join(_allowed_keys(loc[:-1]))}"
        )
    field = _field_at(loc)
    if item["type"] == "missing":
        described = f" ({field.description})" if field is not None and field.description else ""
        return f"{key}: required but not set{described}"
    message = rule_in_words(item)
    if item["type"] in _BOUND_ERRORS:
        message += _number_range(loc)
    value = _lookup(data, loc)
    if value is None:
        return f"{key}: not set; {message}"
    # A rule over a whole object names the offending values in its message.
    given = "" if isinstance(value, Mapping) else f"got {value!r}; "
    return f"{key}: {given}{message}"


def _environment(raw: Mapping[str, Any]) -> Environment:
    """The stack's environment, after checking the top-level keys."""
    problems = [
        f"{full_key(key)}: unknown key; allowed keys: "
        + ", ".join(f"{PROJECT}:{k}" for k in _TOP_LEVEL_KEYS)
        for key in raw
        if key not in (*_TOP_LEVEL_KEYS, "region")
    ]
    value = raw.get("environment")
    try:
        environment = Environment(str(value))
    except ValueError:
        given = "required but not set" if value is None else f"got {value!r}"
        problems.append(f"{full_key('environment')}: {given}; allowed: 'dev' or 'prod', e.g. dev")
        raise SettingsError(problems) from None
    if problems:
        raise SettingsError(problems)
    return environment


def parse_settings(raw: Mapping[str, Any]) -> PlatformSettings:
    """Validate raw stack config (project keys without namespace, plus `region`).

    Raises SettingsError naming every bad key; returns the typed settings otherwise.
    """
    defaults = _deep_merge(_SECTIONS, ENVIRONMENT_DEFAULTS[_environment(raw)])
    data = _deep_merge(defaults, raw)
    try:
        settings = PlatformSettings.model_validate(data)
    except ValidationError as error:
        raise SettingsError([_problem(item, data) for item in error.errors()]) from None
    rules = (
        region_rules(settings)
        + registry_rules(settings)
        + dag_bundle_rules(settings)
        + alarm_rules(settings)
        + identity_rules(settings)
        + prod_rules(settings)
    )
    if rules:
        raise SettingsError([f"{full_key(k)}: got {v!r}; {rule}" for k, v, rule in rules])
    return settings


def raw_config_from_pulumi() -> dict[str, Any]:
    """Collect this stack's config (structured values arrive as JSON strings) for parse_settings."""
    from pulumi.runtime import config as runtime_config

    everything: dict[str, Any] = {
        **runtime_config.get_config_env(),
        **runtime_config.CONFIG.get(),
    }
    unread = unread_key_problems(everything, runtime_config.is_config_secret)
    if unread:
        raise SettingsError(unread)
    raw: dict[str, Any] = {}
    for key, value in everything.items():
        if key == "aws:region":
            raw["region"] = value
        elif key.startswith(f"{PROJECT}:"):
            raw[key.split(":", 1)[1]] = _decode(value)
    return raw


def _decode(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("{", "["):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


def load_settings() -> PlatformSettings:
    return parse_settings(raw_config_from_pulumi())
