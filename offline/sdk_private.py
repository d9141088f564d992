"""The only module that touches private parts of the Pulumi Python SDK.

The offline engine runs the program in-process, the way `pulumi.runtime.set_mocks` unit tests do, but
it must also run the whole `__main__.py` as the language host would, read the stack's outputs back and
start each run from a clean root resource. The SDK has no public API for that, so we rely on:

- `pulumi.runtime.sync_await._sync_await`: drives a coroutine to completion on the SDK's event loop;
- `pulumi.runtime.stack.run_pulumi_func`: runs a program function inside a root `Stack` resource and
  waits for every outstanding RPC, like `pulumi up` does;
- `pulumi.runtime.settings.ROOT` / `get_root_resource`: the root stack resource, reset between runs;
- `pulumi.runtime.mocks.MockMonitor`: the in-memory resource monitor that `set_mocks` installs.

These may change in any SDK release, which is why `pulumi` is pinned exactly (`==`) in
requirements.txt: a bump is a deliberate one-line change, checked by the suite (tests/offline).
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from pulumi.runtime import settings as _settings
from pulumi.runtime.mocks import MockMonitor
from pulumi.runtime.settings import SETTINGS as _SETTINGS
from pulumi.runtime.stack import run_pulumi_func
from pulumi.runtime.sync_await import _sync_await

__all__ = [
    "MockMonitor",
    "await_sync",
    "drain_failed_run",
    "reset_root_resource",
    "root_resource",
    "run_as_stack",
]

T = TypeVar("T")


def await_sync(awaitable: Awaitable[T]) -> T:
    """The result of `awaitable`, waited for on the SDK's own event loop."""
    return _sync_await(awaitable)


def run_as_stack(program: Callable[[], object]) -> None:
    """Run `program` inside a root Stack resource and wait for all its registrations."""

    def run() -> None:  # whatever `program` returns is not for the SDK to await
        program()

    _sync_await(run_pulumi_func(run))


def reset_root_resource() -> None:
    """Forget the previous run's root Stack, so the next run registers a fresh one."""
    _settings.ROOT.set(None)


def root_resource() -> Any:
    """The root Stack resource of the last run (its `outputs` are the stack outputs)."""
    return _settings.get_root_resource()


def drain_failed_run(limit: int = 10_000) -> None:
    """Finish what a run that raised left behind: the SDK stops at the first failed RPC, and the
    rest would otherwise run, and fail, inside the next run on the same event loop. Their errors
    belong to the failed run, which has reported its first one already."""
    manager = _SETTINGS.rpc_manager
    for _ in range(limit):
        if not manager.rpcs:
            break
        with contextlib.suppress(Exception):
            _sync_await(manager.rpcs.pop())
    for _ in range(limit):
        with _SETTINGS.lock:
            pending = list(_SETTINGS.outputs)
            _SETTINGS.outputs.clear()
        if not pending:
            break
        for task in pending:
            with contextlib.suppress(BaseException):
                _sync_await(task)
    manager.clear()
