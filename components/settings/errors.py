"""The settings error, and how config keys are named in it."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticCustomError

PROJECT = "airflow-platform"


class SettingsError(Exception):
    """Invalid stack configuration. The message names every offending key, value and the rule."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid stack configuration:\n" + "\n".join(f"  - {p}" for p in problems))


def full_key(path: str) -> str:
    """The key as written in a stack file: `region` is AWS's, everything else the project's."""
    return "aws:region" if path == "region" else f"{PROJECT}:{path}"


def nested_model(annotation: Any) -> type[BaseModel] | None:
    """The config object type inside a field's annotation (X, X | None, list[X]), if any."""
    pending = [annotation]
    while pending:
        candidate = pending.pop()
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        pending.extend(getattr(candidate, "__args__", ()))
    return None


# The error type of a rule over several fields that names the one field to change.
CROSS_FIELD = "cross_field"


def cross_field(field: str, rule: str) -> PydanticCustomError:
    """Raise from a model validator: the error is reported at `field` (its camelCase key, under
    the model's own key), so the message names the full key to change, not the whole block."""
    return PydanticCustomError(CROSS_FIELD, rule, {"field": field})
