"""offline/sdk_private.py: the private SDK functions still do what the engine needs of them."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

from offline import sdk_private
from offline.runner import PROJECT_ROOT


def test_await_sync_returns_the_result() -> None:
    async def answer() -> int:
        return 42

    assert sdk_private.await_sync(answer()) == 42


def test_each_run_starts_from_a_fresh_root_stack() -> None:
    from offline.runner import execute

    execute("dev", {}, lambda: None)
    first = sdk_private.root_resource()
    sdk_private.reset_root_resource()
    execute("dev", {}, lambda: None)
    assert sdk_private.root_resource() is not first


def test_the_sdk_is_pinned_exactly_and_installed_at_that_version() -> None:
    requirements = (PROJECT_ROOT / "requirements.txt").read_text()
    pin = re.search(r"^pulumi==(\S+)$", requirements, re.MULTILINE)
    assert pin, "pulumi must be pinned with == in requirements.txt"
    assert version("pulumi") == pin.group(1)


def test_only_sdk_private_imports_private_sdk_names() -> None:
    private = re.compile(
        r"from pulumi\S* import .*\b_\w|pulumi\.runtime\.(settings|stack|sync_await|mocks)\b"
    )
    offenders = [
        str(path.relative_to(PROJECT_ROOT))
        for folder in ("offline", "components", "tools", "tests")
        for path in (PROJECT_ROOT / folder).rglob("*.py")
        if path.name != "sdk_private.py" and private.search(path.read_text())
    ]
    assert offenders == []
    assert Path(sdk_private.__file__).name == "sdk_private.py"
