"""Fixtures: each example stack's cluster state, its releases rendered by the real charts, once per
session (the program runs come from tests/conftest.py's cache; renders are cached per values)."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from components.pins import AIRFLOW_CHART, CERT_MANAGER_CHART, KEDA_CHART
from offline import reference
from offline.rendering import package_path
from offline.stack_commands import CommandFindings, check_stack_commands
from offline.stack_render import StackRender, render_stack
from offline.verify.objects import Manifest
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


# (stack, overrides as JSON) -> its render
_RENDERS: dict[tuple[str, str], StackRender] = {}


def cached_renders(variants: Sequence[tuple[str, Mapping[str, Any]]]) -> list[StackRender]:
    """Each (stack, config overrides) rendered once per session. The program runs go one at a
    time (the Pulumi SDK's state is global); the renders side by side, as Helm's engine (Go,
    called through ctypes) runs without holding the GIL."""
    keys = [(stack, json.dumps(overrides, sort_keys=True)) for stack, overrides in variants]
    missing = {key: cached_run(key[0], json.loads(key[1])) for key in keys if key not in _RENDERS}
    with ThreadPoolExecutor(max_workers=2) as pool:
        _RENDERS.update(zip(missing, pool.map(render_stack, missing.values()), strict=True))
    return [_RENDERS[key] for key in keys]


def cached_render(stack: str) -> StackRender:
    """The stack as its file says; the first call renders every stack, side by side."""
    return cached_renders([(s, {}) for s in STACKS])[STACKS.index(stack)]


@pytest.fixture(scope="session", params=STACKS)
def stack(request: pytest.FixtureRequest) -> str:
    stack_name: str = request.param
    return stack_name


@pytest.fixture(scope="session")
def rendered(stack: str) -> StackRender:
    """The stack's releases rendered with exactly the registered values, and its own objects."""
    skip_without_packages()
    return cached_render(stack)


PROBE = "airflow-create-user-probe"


def password_probe(rendered: StackRender) -> dict[str, Any]:
    """The stack's break-glass Job as `airflow users create` with the generated password as a
    word of its own, named PROBE: the commands check must reject it (not vacuous)."""
    job = copy.deepcopy(
        next(
            o
            for o in rendered.releases["airflow"]
            if o["kind"] == "Job" and o["metadata"]["name"].endswith("create-user")
        )
    )
    job["metadata"]["name"] = PROBE
    container: dict[str, Any] = job["spec"]["template"]["spec"]["containers"][0]
    container["args"] = [
        "bash",
        "-c",
        "exec airflow users create --role Admin --username admin --email a@b.c "
        '--firstname A --lastname B --password "$AIRFLOW_PLATFORM_BREAK_GLASS_PASSWORD"',
    ]
    return job


@pytest.fixture(scope="session")
def command_findings() -> dict[str, CommandFindings]:
    """The commands check of every stack (with its PROBE), run side by side: each waits mostly
    on subprocesses (a real bash per command, Airflow's parser), so two cores check both in
    about one's time. The program runs and renders come first, one at a time (the Pulumi SDK's
    state is global)."""
    skip_without_packages()
    objects: dict[str, list[Manifest]] = {
        stack: [*cached_render(stack).objects, password_probe(cached_render(stack))]
        for stack in STACKS
    }
    runs = {stack: cached_run(stack) for stack in STACKS}
    with ThreadPoolExecutor(max_workers=len(STACKS)) as pool:
        futures = {s: pool.submit(check_stack_commands, objects[s], runs[s]) for s in STACKS}
        return {stack: future.result() for stack, future in futures.items()}
