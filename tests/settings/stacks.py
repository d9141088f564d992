"""Raw stack configs the settings tests start from, and helpers to vary them."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from components.settings import SettingsError, parse_settings

VALID_DEV: dict[str, Any] = {
    "environment": "dev",
    "region": "eu-west-1",
    "cluster": {
        "name": "data-dev",
        "privateSubnets": [
            {"id": "subnet-0123456789abcdef0", "availabilityZone": "eu-west-1a"},
            {"id": "subnet-0123456789abcdef1", "availabilityZone": "eu-west-1b"},
        ],
    },
    "certManager": {"email": "ops@example.com"},
    "airflow": {
        "host": "airflow.dev.example.com",
        "ingressClassName": "traefik",
        "dags": {"source": "gitSync", "gitSync": {"repository": "https://github.com/o/dags.git"}},
    },
}


def with_changes(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """Copy of `base` with dotted-path changes, e.g. with_changes(VALID_DEV, **{"database.multiAz": 1})."""
    raw = copy.deepcopy(base)
    for dotted, value in changes.items():
        node = raw
        *parents, leaf = dotted.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    return raw


def prod(**changes: Any) -> dict[str, Any]:
    raw = with_changes(VALID_DEV, environment="prod")
    raw["airflow"]["dags"] = {"source": "image"}
    return with_changes(raw, **changes)


def error_of(raw: dict[str, Any]) -> SettingsError:
    with pytest.raises(SettingsError) as caught:
        parse_settings(raw)
    return caught.value


def problem_line(raw: dict[str, Any], key: str) -> str:
    """The one line of the error for `raw` that names `key` (fails if none does)."""
    message = str(error_of(raw))
    line = next((p for p in message.splitlines() if key + ":" in p), None)
    assert line is not None, f"{key} not named in:\n{message}"
    return line


def assert_rejected(raw: dict[str, Any], key: str, rule: str) -> None:
    line = problem_line(raw, key)
    assert rule in line, f"rule {rule!r} not in {line!r}"
