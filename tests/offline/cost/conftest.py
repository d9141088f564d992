from typing import Any

import pytest

from tests.conftest import cached_run


def plan_records(stack: str, overrides: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The records the offline plan writes to resources.json (tools/plan.py), for the estimator."""
    run = cached_run(stack, overrides)
    return [
        {"urn": r.urn, "type": r.type, "name": r.name, "inputs": r.redacted_inputs}
        for r in run.registrations
    ]


@pytest.fixture(scope="session")
def dev_records() -> list[dict[str, Any]]:
    return plan_records("dev")


@pytest.fixture(scope="session")
def prod_records() -> list[dict[str, Any]]:
    return plan_records("prod")
