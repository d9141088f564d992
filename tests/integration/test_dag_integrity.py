"""The DAG repository starter's integrity test, run with Airflow 3.2.2 over sample DAG folders.

Run as CI runs it in the image's test stage: pytest in Airflow's interpreter, the test file copied
beside nothing else, DAGS_FOLDER pointing at the folder under test.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from tests.conftest import PROJECT_ROOT
from tests.integration.venvs import cached_venv

SAMPLES = Path(__file__).parent / "dag_samples"
TEMPLATE = PROJECT_ROOT / "templates" / "dag-repository"
ITEM = "test_dag_file_imports_without_errors_or_cycles"


def run_integrity_test(dags_folder: Path, home: Path) -> tuple[int, dict[str, str]]:
    """(pytest's exit code, {test id: failure message or "passed"})."""
    (home / "tests").mkdir(parents=True)
    shutil.copy(TEMPLATE / "tests" / "test_dag_integrity.py", home / "tests")
    python = cached_venv("airflow")
    junit = home / "junit.xml"
    pytest_args = ["-q", "-p", "no:cacheprovider", f"--junitxml={junit}", str(home / "tests")]
    result = subprocess.run(
        [str(python), "-m", "pytest", *pytest_args],
        cwd=home,
        env={
            "PATH": f"{python.parent}:/usr/bin:/bin",
            "HOME": str(home),
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "DAGS_FOLDER": str(dags_folder),
        },
        capture_output=True,
        text=True,
        timeout=600,
    )
    outcomes = {}
    for case in ElementTree.parse(junit).iter("testcase"):
        failure, skipped = case.find("failure"), case.find("skipped")
        outcome = "skipped" if skipped is not None else "passed"
        outcomes[case.get("name", "")] = outcome if failure is None else failure.get("message", "")
    return result.returncode, outcomes


def test_it_fails_exactly_on_the_import_error_and_the_cycle(tmp_path: Path) -> None:
    returncode, outcomes = run_integrity_test(SAMPLES, tmp_path)
    assert returncode == 1
    assert set(outcomes) == {
        "test_the_folder_has_dag_files",
        f"{ITEM}[cycle.py]",
        f"{ITEM}[good.py]",
        f"{ITEM}[import_error.py]",
    }
    assert outcomes["test_the_folder_has_dag_files"] == "passed"
    assert outcomes[f"{ITEM}[good.py]"] == "passed"
    assert "ModuleNotFoundError" in outcomes[f"{ITEM}[import_error.py]"]
    assert "pandas_that_is_not_installed" in outcomes[f"{ITEM}[import_error.py]"]
    assert "AirflowDagCycleException" in outcomes[f"{ITEM}[cycle.py]"]


def test_the_starters_own_dags_pass(tmp_path: Path) -> None:
    returncode, outcomes = run_integrity_test(TEMPLATE / "dags", tmp_path)
    assert returncode == 0, outcomes
    assert outcomes == {"test_the_folder_has_dag_files": "passed", f"{ITEM}[example.py]": "passed"}


def test_an_empty_folder_fails(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    returncode, outcomes = run_integrity_test(tmp_path / "empty", tmp_path / "home")
    assert returncode == 1
    assert outcomes["test_the_folder_has_dag_files"].startswith("AssertionError: no DAG files")
