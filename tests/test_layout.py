"""The layout rules of the developers' guide, checked so they stay true: every module under 300 lines,
no function over 60 lines, and the product (components/, offline/, __main__.py) and tools/ never
import the tests (tools/plan.py once imported the test harness)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCT_AND_TOOLS = ["components", "offline", "tools", "__main__.py"]
EVERYTHING = [*PRODUCT_AND_TOOLS, "tests", "templates"]
MODULE_LINES = 300  # a module has fewer
FUNCTION_LINES = 60  # a function has at most


def python_files(roots: list[str]) -> list[Path]:
    found: list[Path] = []
    for name in roots:
        path = ROOT / name
        found.extend([path] if path.is_file() else sorted(path.rglob("*.py")))
    return found


def long_functions(source: str, limit: int = FUNCTION_LINES) -> dict[str, int]:
    """{name:line: length} of each function (its `def` line to its last line) over `limit`."""
    return {
        f"{node.name}:{node.lineno}": length
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (length := (node.end_lineno or node.lineno) - node.lineno + 1) > limit
    }


def imported_modules(source: str) -> set[str]:
    """Every module an `import` or `from ... import` names (absolute imports)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def imports_tests(source: str) -> bool:
    return any(name == "tests" or name.startswith("tests.") for name in imported_modules(source))


@pytest.fixture(scope="module")
def sources() -> dict[Path, str]:
    return {path: path.read_text() for path in python_files(EVERYTHING)}


def test_every_module_is_under_300_lines(sources: dict[Path, str]) -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path, text in sources.items()
        if (lines := len(text.splitlines())) >= MODULE_LINES
    }
    assert len(sources) > 100 and not long, long


def test_no_function_is_over_60_lines(sources: dict[Path, str]) -> None:
    long = {
        f"{path.relative_to(ROOT)}:{name}": lines
        for path, text in sources.items()
        for name, lines in long_functions(text).items()
    }
    assert not long, long


def test_the_product_and_tools_never_import_the_tests(sources: dict[Path, str]) -> None:
    product = set(python_files(PRODUCT_AND_TOOLS))
    offenders = [
        str(p.relative_to(ROOT))
        for p, text in sources.items()
        if p in product and imports_tests(text)
    ]
    assert len(product) > 50 and not offenders, offenders


def test_the_checks_find_offenders() -> None:
    body = "\n".join(f"    x = {i}" for i in range(FUNCTION_LINES - 1))
    assert long_functions(f"def ok():\n{body}\n") == {}
    assert long_functions(f"async def long():\n{body}\n    return x\n") == {
        "long:1": FUNCTION_LINES + 1
    }
    assert imports_tests("from tests.conftest import cached_run")
    assert imports_tests("import tests.integration.chart as chart")
    assert not imports_tests("from offline.runner import run_program\nimport testscenarios")
