"""The check every bad-input case must pass: the whole program, run offline as `pulumi up` would,
stops with ONE clear error before it registers a resource or calls a provider.

A clear error names the full key (`airflow-platform:...`), the value given, the rule in words and
an example; it never shows a regular expression or an internal class name.
"""

from __future__ import annotations

import re
from typing import Any

import pulumi

from offline.runner import PROJECT, execute, load_stack_config, merge_config, run_main

# Signs of a regular expression or of pydantic's own wording in a message.
_REGEX_SIGNS = re.compile(r"\^|\$\b|\[a-z|\\d|\{\d+,\d*\}|\(\?")
_INTERNAL = re.compile(r"\b[A-Z][A-Za-z]*(Settings|Resources|Model)\b|Input should|pydantic")


def one_error(stack: str, overrides: dict[str, Any]) -> str:
    """The single problem line of the error of the stack file with these edits."""
    return one_error_of(stack, merge_config(load_stack_config(stack), overrides))


def one_error_of(stack: str, config: dict[str, Any]) -> str:
    """The single problem line of the run's error (asserting nothing was created before it)."""
    execution = execute(stack, config, run_main)
    error = execution.error
    assert isinstance(error, pulumi.RunError), f"expected a settings error, got {error!r}"
    assert execution.monitor.registrations == [], "resources registered before the error"
    assert execution.mocks.invokes == [], "a provider was called before the error"
    lines = [line for line in str(error).splitlines() if line.startswith("  - ")]
    assert len(lines) == 1, f"expected one problem, got:\n{error}"
    return lines[0].removeprefix("  - ")


def assert_clear(line: str, key: str, value: Any, expected: str) -> None:
    """The line names `key` in full, the value given, `expected`, an example; no regex, no class."""
    full = key if ":" in key else f"{PROJECT}:{key}"
    assert line.startswith(f"{full}: "), f"{full} not named first in {line!r}"
    # `...`: the key is a block, whose message names what is in it rather than one value.
    assert value is ... or repr(value) in line, f"value {value!r} not shown in {line!r}"
    assert expected in line, f"{expected!r} not in {line!r}"
    assert "e.g." in line, f"no example in {line!r}"
    assert ("allowed" in line) or ("requires" in line), f"no rule in words in {line!r}"
    assert not _REGEX_SIGNS.search(line), f"a regular expression in {line!r}"
    assert not _INTERNAL.search(line), f"an internal name in {line!r}"


def section(section_name: str, /, **values: Any) -> dict[str, Any]:
    """A stack config override: keys of one section (`database`) under the project namespace."""
    return {f"{PROJECT}:{section_name}": values}
