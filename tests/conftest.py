"""Fixtures: the dev and prod deployments, run once per session by the offline engine (`offline/`).

The engine's names are re-exported here, so tests may import them from `tests.conftest` as before.
Reference data (../shared) that is absent skips the test that needs it, printing where it looked.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import tarfile
import threading
from collections.abc import Callable, Iterator, Mapping
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import pytest
import yaml

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


def chart_archive(name: str, version: str, files: Mapping[str, str] | None = None) -> bytes:
    """A packaged chart as `helm package` lays it out: `<name>/Chart.yaml` and `files`."""
    members = {"Chart.yaml": yaml.safe_dump({"apiVersion": "v2", "name": name, "version": version})}
    members.update(files or {})
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for path, text in members.items():
            data = text.encode()
            info = tarfile.TarInfo(f"{name}/{path}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


class FakeChartRepository:
    """A Helm chart repository on loopback at `url` (`<server>/charts`); the server serves the
    folder `served`. `publish` writes the index.yaml of what was added."""

    def __init__(self, served: Path, url: str) -> None:
        self.served, self.url = served, url
        self.entries: dict[str, list[dict[str, Any]]] = {}

    def add(
        self, name: str, version: str, archive: bytes, url: str = "", stored_at: str = ""
    ) -> None:
        """List `archive` under `url` (default: relative, `<name>-<version>.tgz`), stored at
        `stored_at` under the served folder (default: `charts/<name>-<version>.tgz`)."""
        file = f"{name}-{version}.tgz"
        target = self.served / (stored_at or f"charts/{file}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(archive)
        digest = hashlib.sha256(archive).hexdigest()
        entry = {"version": version, "urls": [url or file], "digest": digest}
        self.entries.setdefault(name, []).append(entry)

    def publish(self) -> None:
        index = {"apiVersion": "v1", "entries": self.entries}
        (self.served / "charts" / "index.yaml").write_text(yaml.safe_dump(index))


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # the tests' output stays readable


@pytest.fixture
def chart_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FakeChartRepository]:
    """An empty chart repository served over HTTP on 127.0.0.1, under a path (`/charts`)."""
    for proxy in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(proxy, raising=False)  # loopback, never through a proxy
    served = tmp_path / "served"
    (served / "charts").mkdir(parents=True)
    handler = functools.partial(_QuietHandler, directory=str(served))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield FakeChartRepository(served, f"http://127.0.0.1:{server.server_port}/charts")
    finally:
        server.shutdown()
        server.server_close()
