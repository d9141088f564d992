"""Class 1: stack keys nothing reads are refused, not ignored (components/settings/stack_keys.py)."""

from __future__ import annotations

from typing import Any

import pytest

from offline.runner import run_program
from tests.settings.bad_input import assert_clear, one_error

CASES = [
    # (stack config edit, key named, value shown, rule)
    ({"airflow-platfrom:database": {"multiAz": True}}, "airflow-platfrom:database",
     '{"multiAz": true}', "allowed: airflow-platform:<key>, e.g. airflow-platform:database"),
    ({"airflowplatform:environment": "prod"}, "airflowplatform:environment", "prod",
     "neither the project's nor a provider's"),
    ({"aws:profile": "prod-account"}, "aws:profile", "prod-account",
     "allowed under aws: only aws:region"),
    ({"aws:defaultTags": {"tags": {"team": "data"}}}, "aws:defaultTags",
     '{"tags": {"team": "data"}}', "credentials and account come from the environment"),
    ({"kubernetes:context": "prod-cluster"}, "kubernetes:context", "prod-cluster",
     "allowed: no kubernetes: keys"),
]  # fmt: skip


@pytest.mark.parametrize(("edit", "key", "value", "rule"), CASES, ids=[c[1] for c in CASES])
def test_a_key_nothing_reads_is_one_clear_error(
    edit: dict[str, Any], key: str, value: str, rule: str
) -> None:
    line = one_error("dev", edit)
    assert_clear(line, key, value, rule)


def test_the_engine_s_own_keys_are_read() -> None:
    assert run_program("dev", {"pulumi:tags": {"team": "data"}}).registrations
