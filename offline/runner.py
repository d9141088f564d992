"""Runs the whole program for a stack, as `pulumi up` would, against the offline mocks.

`run_program("dev")` reads `Pulumi.dev.yaml` (plus deep-merged overrides), hands the config to the
program the way the Pulumi CLI encodes it, runs `__main__.py` and returns a `ProgramRun`: every
registration, the stack outputs (and which are secret), the invokes made and the mocks' state.
"""

from __future__ import annotations

import copy
import json
import runpy
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pulumi
import yaml

from offline.mocks import PlatformMocks
from offline.monitor import Read, RecordingMonitor, Registration
from offline.sdk_private import (
    await_sync,
    drain_failed_run,
    reset_root_resource,
    root_resource,
    run_as_stack,
)
from offline.world import World

__all__ = [
    "DELETE",
    "PROJECT",
    "PROJECT_ROOT",
    "Execution",
    "ProgramRun",
    "execute",
    "execute_program",
    "load_stack_config",
    "merge_config",
    "program_run",
    "run_main",
    "run_program",
    "stack_file",
    "to_pulumi_config",
]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PROJECT: str = yaml.safe_load((PROJECT_ROOT / "Pulumi.yaml").read_text())["name"]
DELETE: Any = object()  # an override value that removes the key from the stack config


@dataclass
class ProgramRun:
    """What one successful run of the program registered and exported."""

    stack: str
    registrations: list[Registration]
    outputs: dict[str, Any]
    secret_outputs: set[str]
    invokes: list[tuple[str, dict[str, Any]]]
    mock_state: dict[str, Any] = field(default_factory=dict)
    reads: list[Read] = field(default_factory=list)

    def by_type(self, typ: str) -> list[Registration]:
        return [r for r in self.registrations if r.type == typ]

    def one(self, typ: str, name: str | None = None) -> Registration:
        """The single resource of this type (and name); raises AssertionError naming what it found."""
        found = [r for r in self.by_type(typ) if name is None or r.name == name]
        if len(found) != 1:
            raise AssertionError(
                f"expected one {typ} {name or ''}, found {[r.name for r in found]}"
            )
        return found[0]

    def generated_secrets(self) -> list[str]:
        """Every value the random resources generated (passwords, keys), to search for leaks."""
        found: list[str] = []
        for registration in self.registrations:
            if registration.type.startswith("random:"):
                state = self.state(registration)
                found += [state[k] for k in ("result", "base64", "hex") if k in state]
        return found

    def by_urn(self, urn: str) -> Registration:
        return next(r for r in self.registrations if r.urn == urn)

    def state(self, registration: Registration) -> dict[str, Any]:
        """The outputs the mock provider returned for a resource (e.g. generated passwords)."""
        return self.mock_state[registration.urn]

    def ancestors(self, registration: Registration) -> Iterator[Registration]:
        parent = registration.parent
        while parent:
            found = [r for r in self.registrations if r.urn == parent]
            if not found:
                return
            yield found[0]
            parent = found[0].parent

    def component_of(self, registration: Registration) -> Registration | None:
        """The nearest ancestor that is one of this project's components."""
        return next(
            (a for a in self.ancestors(registration) if a.type.startswith(f"{PROJECT}:")),
            None,
        )


def stack_file(stack: str) -> Path:
    return PROJECT_ROOT / f"Pulumi.{stack}.yaml"


def load_stack_config(stack: str, config_file: Path | None = None) -> dict[str, Any]:
    """The stack file's `config:` block as Python values."""
    data = yaml.safe_load((config_file or stack_file(stack)).read_text()) or {}
    return dict(data.get("config") or {})


def merge_config(base: Any, override: Any) -> Any:
    """`override` deep-merged over `base`: maps merge, `DELETE` removes a key, the rest replaces."""
    if override is DELETE:
        return DELETE
    if isinstance(base, dict) and isinstance(override, Mapping):
        merged = dict(base)
        for k, v in override.items():
            value = merge_config(merged.get(k), v)
            if value is DELETE:
                merged.pop(k, None)
            else:
                merged[k] = value
        return merged
    return copy.deepcopy(override)


def to_pulumi_config(config: Mapping[str, Any]) -> dict[str, str]:
    """Encode config values the way the Pulumi CLI hands them to a program."""
    encoded: dict[str, str] = {}
    for key, value in config.items():
        if isinstance(value, (dict, list)):
            encoded[key] = json.dumps(value)
        elif isinstance(value, bool):
            encoded[key] = "true" if value else "false"
        else:
            encoded[key] = str(value)
    return encoded


@dataclass
class Execution:
    """What one run of the program left behind, whether or not it raised."""

    stack: str
    mocks: PlatformMocks
    monitor: RecordingMonitor
    error: BaseException | None


def execute(
    stack: str,
    config: Mapping[str, Any],
    program: Callable[[], object],
    *,
    preview: bool = False,
    world: World | None = None,
) -> Execution:
    """Run `program` as the stack `stack` with this config (stack-file values) under fresh mocks,
    in `world` (what exists already; default: a first deploy with its prerequisites)."""
    mocks = PlatformMocks(region=str(config.get("aws:region", "eu-west-1")), world=world)
    monitor = RecordingMonitor(mocks)
    reset_root_resource()
    pulumi.runtime.set_mocks(mocks, project=PROJECT, stack=stack, preview=preview, monitor=monitor)
    pulumi.runtime.set_all_config(to_pulumi_config(config))
    try:
        run_as_stack(program)
    except Exception as error:
        drain_failed_run()
        return Execution(stack, mocks, monitor, error)
    return Execution(stack, mocks, monitor, None)


def run_main() -> None:
    """Run the project's __main__.py, from the project directory as the language host does."""
    if str(PROJECT_ROOT) not in sys.path:
        sys.path.insert(0, str(PROJECT_ROOT))
    runpy.run_path(str(PROJECT_ROOT / "__main__.py"), run_name="__main__")


def execute_program(
    stack: str,
    overrides: Mapping[str, Any] | None = None,
    *,
    preview: bool = False,
    config_file: Path | None = None,
    world: World | None = None,
) -> Execution:
    """Run __main__.py for `stack` under fresh mocks; overrides deep-merge into the stack config."""
    config = merge_config(load_stack_config(stack, config_file), overrides or {})
    return execute(stack, config, run_main, preview=preview, world=world)


def run_program(
    stack: str,
    overrides: Mapping[str, Any] | None = None,
    *,
    preview: bool = False,
    config_file: Path | None = None,
    world: World | None = None,
) -> ProgramRun:
    """Run the whole program for a stack as a user would deploy it; raises what it raises."""
    execution = execute_program(
        stack, overrides, preview=preview, config_file=config_file, world=world
    )
    return program_run(execution)


def program_run(execution: Execution) -> ProgramRun:
    """The ProgramRun of a finished execution (re-raising its error, if it had one)."""
    if execution.error is not None:
        raise execution.error
    outputs: dict[str, Any] = {}
    secret_outputs: set[str] = set()
    for name, value in getattr(root_resource(), "outputs", {}).items():
        output = pulumi.Output.from_input(value)
        outputs[name] = await_sync(output.future())
        if await_sync(output.is_secret()):
            secret_outputs.add(name)
    monitor = execution.monitor
    return ProgramRun(
        stack=execution.stack,
        registrations=list(monitor.registrations),
        outputs=outputs,
        secret_outputs=secret_outputs,
        invokes=list(execution.mocks.invokes),
        mock_state={urn: {**reg.state, "id": reg.id} for urn, reg in monitor.resources.items()},
        reads=list(monitor.reads),
    )
