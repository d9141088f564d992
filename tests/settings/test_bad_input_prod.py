"""Class 6: prod choices that cannot keep prod's promises (components/settings/prod_rules.py)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.settings.bad_input import assert_clear, one_error, section

CASES = [
    (section("airflow", executor="LocalExecutor"), "airflow.executor", "LocalExecutor",
     "runs tasks beyond the scheduler pods"),
    (section("airflow", executor="LocalExecutor,KubernetesExecutor"), "airflow.executor",
     "LocalExecutor,KubernetesExecutor", "LocalExecutor only after them"),
    (section("database", instanceClass="db.t4g.large"), "database.instanceClass", "db.t4g.large",
     "not burstable"),
    (section("database", instanceClass="db.t3.xlarge"), "database.instanceClass", "db.t3.xlarge",
     "e.g. db.m7g.large"),
]  # fmt: skip


@pytest.mark.parametrize(("edit", "key", "value", "rule"), CASES, ids=[c[2] for c in CASES])
def test_a_prod_choice_that_breaks_a_promise_is_one_clear_error(
    edit: dict[str, Any], key: str, value: str, rule: str
) -> None:
    line = one_error("prod", edit)
    assert_clear(line, key, value, rule)


def test_dev_may_make_those_choices() -> None:
    from components.settings import parse_settings
    from tests.settings.stacks import VALID_DEV, with_changes

    raw = with_changes(VALID_DEV, **{"airflow.executor": "LocalExecutor"})
    assert parse_settings(raw).database.instance_class == "db.t4g.micro"
