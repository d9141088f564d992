"""Fixtures: each example stack's cluster state, its releases rendered by the real charts, once per
session (the program runs come from tests/conftest.py's cache; renders are cached per values)."""

from __future__ import annotations

import functools
from concurrent.futures import ThreadPoolExecutor

import pytest

from components.pins import AIRFLOW_CHART, CERT_MANAGER_CHART, KEDA_CHART
from offline import reference
from offline.rendering import package_path
from offline.stack_commands import CommandFindings, check_stack_commands
from offline.stack_render import StackRender, render_stack
from tests.conftest import cached_run

STACKS = ("dev", "prod")


def skip_without_packages() -> None:
    for pin in (AIRFLOW_CHART, CERT_MANAGER_CHART, KEDA_CHART):
        path = package_path(pin, reference.SHARED_DIR / "charts")
        if not path.is_file():
            pytest.skip(
                f"chart package {path} is absent: put the shared folder beside the checkout "
                "or run `python3 tools/dev.py fetch-charts <folder>` and set AIRFLOW_PLATFORM_SHARED"
            )


@functools.cache
def cached_render(stack: str) -> StackRender:
    return render_stack(cached_run(stack))


@pytest.fixture(scope="session", params=STACKS)
def stack(request: pytest.FixtureRequest) -> str:
    stack_name: str = request.param
    return stack_name


@pytest.fixture(scope="session")
def rendered(stack: str) -> StackRender:
    """The stack's releases rendered with exactly the registered values, and its own objects."""
    skip_without_packages()
    return cached_render(stack)


@pytest.fixture(scope="session")
def command_findings() -> dict[str, CommandFindings]:
    """The commands check of every stack, run side by side: each waits mostly on subprocesses
    (a real bash per command, Airflow's parser), so two cores check both in about one's time.
    The program runs and renders come first, one at a time (the Pulumi SDK's state is global)."""
    skip_without_packages()
    pairs = {stack: (cached_render(stack), cached_run(stack)) for stack in STACKS}
    with ThreadPoolExecutor(max_workers=len(STACKS)) as pool:
        futures = {s: pool.submit(check_stack_commands, *pair) for s, pair in pairs.items()}
        return {stack: future.result() for stack, future in futures.items()}
