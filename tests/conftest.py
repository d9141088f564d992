"""Fixtures: the dev and prod deployments, run once per session by the offline engine (`offline/`).

The engine's names are re-exported here, so tests may import them from `tests.conftest` as before.
Reference data (../shared) that is absent skips the test that needs it, printing where it looked.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from typing import Any, ParamSpec, TypeVar

import pytest

from offline import reference
from offline.mocks import ACCOUNT_ID, PlatformMocks, random_password
from offline.monitor import REDACTED, RecordingMonitor, Registration
from offline.reference import SHARED_DIR, MissingReferenceDataError, helm_merge
from offline.runner import (
    DELETE,
    PROJECT,
    PROJECT_ROOT,
    Execution,
    ProgramRun,
    execute_program,
    load_stack_config,
    run_program,
    stack_file,
    to_pulumi_config,
)
from offline.world import DeployedInstance, World

__all__ = [
    "ACCOUNT_ID",
    "DELETE",
    "PROJECT",
    "PROJECT_ROOT",
    "REDACTED",
    "SHARED_DIR",
    "DeployedInstance",
    "Execution",
    "PlatformMocks",
    "ProgramRun",
    "RecordingMonitor",
    "Registration",
    "World",
    "airflow_options",
    "cached_run",
    "chart_defaults",
    "chart_file",
    "chart_schema_errors",
    "crd_schema_errors",
    "execute_program",
    "helm_merge",
    "load_stack_config",
    "random_password",
    "run_program",
    "shared_path",
    "stack_file",
    "to_pulumi_config",
]

P = ParamSpec("P")
T = TypeVar("T")


def _skip_when_absent(function: Callable[P, T]) -> Callable[P, T]:
    """`function`, skipping the calling test (with the reason) when reference data is absent."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return function(*args, **kwargs)
        except MissingReferenceDataError as missing:
            pytest.skip(str(missing))

    return wrapper


shared_path = _skip_when_absent(reference.shared_file)
chart_file = _skip_when_absent(reference.chart_file)
chart_defaults = _skip_when_absent(reference.chart_defaults)
chart_schema_errors = _skip_when_absent(reference.chart_schema_errors)
crd_schema_errors = _skip_when_absent(reference.crd_schema_errors)
airflow_options = _skip_when_absent(reference.airflow_options)


_RUN_CACHE: dict[tuple[str, str, str], ProgramRun] = {}


def cached_run(
    stack: str, overrides: Mapping[str, Any] | None = None, world: World | None = None
) -> ProgramRun:
    """run_program, memoised: most tests read the same two deployments (never change what it returns)."""
    world = world or World()
    key = (stack, json.dumps(overrides or {}, sort_keys=True, default=repr), world.key())
    if key not in _RUN_CACHE:
        _RUN_CACHE[key] = run_program(stack, overrides, world=world)
    return _RUN_CACHE[key]


@pytest.fixture(scope="session")
def dev_run() -> ProgramRun:
    return cached_run("dev")


@pytest.fixture(scope="session")
def prod_run() -> ProgramRun:
    return cached_run("prod")


@pytest.fixture(params=["dev", "prod"])
def any_run(request: pytest.FixtureRequest) -> ProgramRun:
    return cached_run(request.param)
