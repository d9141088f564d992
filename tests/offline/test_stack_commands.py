"""offline.stack_commands: which provider groups of Airflow's CLI this venv can check."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from offline.stack_commands import installed, missing_provider


@pytest.fixture
def package_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A package whose import fails, with one installed subpackage, first on sys.path."""
    top = tmp_path / "costly_top_package"
    (top / "present").mkdir(parents=True)
    (top / "__init__.py").write_text("raise RuntimeError('imported')\n")
    (top / "present" / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    return top.name


def test_a_subpackage_is_found_without_importing_its_parent(package_tree: str) -> None:
    assert installed(f"{package_tree}.present")
    assert package_tree not in sys.modules


def test_an_absent_subpackage_or_parent_is_not_installed(package_tree: str) -> None:
    assert not installed(f"{package_tree}.absent")
    assert not installed("no_such_top_package.present")


def test_only_a_provider_group_can_be_missing() -> None:
    assert missing_provider(["db", "migrate"]) is None
    assert missing_provider([]) is None
    celery = "airflow.providers.celery"
    assert missing_provider(["celery", "worker"]) == (None if installed(celery) else celery)
