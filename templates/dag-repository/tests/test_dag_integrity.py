"""DAG integrity: every DAG file imports with the Airflow that runs it, without errors or cycles.

CI runs this inside the image's `test` stage, so the DAGs are imported by exactly the Python,
Airflow and libraries of the image that is pushed. `DAGS_FOLDER` points it at another folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from airflow.models import DagBag
from airflow.utils.file import list_py_file_paths

DAGS_FOLDER = Path(os.environ.get("DAGS_FOLDER", Path(__file__).parents[1] / "dags")).resolve()
# The files Airflow's DAG processor would parse (same discovery heuristic and .airflowignore).
DAG_FILES = sorted(Path(p) for p in list_py_file_paths(DAGS_FOLDER, safe_mode=True))


@pytest.fixture(scope="session")
def dag_bag() -> DagBag:
    return DagBag(dag_folder=DAGS_FOLDER, include_examples=False, safe_mode=True)


def test_the_folder_has_dag_files() -> None:
    assert DAG_FILES, f"no DAG files found under {DAGS_FOLDER}"


@pytest.mark.parametrize("dag_file", DAG_FILES, ids=lambda p: str(p.relative_to(DAGS_FOLDER)))
def test_dag_file_imports_without_errors_or_cycles(dag_bag: DagBag, dag_file: Path) -> None:
    # DagBag records import errors, cycles and duplicate DAG ids per file, as the scheduler would.
    errors = {Path(path).resolve(): message for path, message in dag_bag.import_errors.items()}
    assert dag_file not in errors, errors[dag_file]
    assert any(Path(dag.fileloc).resolve() == dag_file for dag in dag_bag.dags.values()), (
        f"{dag_file.name} defines no DAG"
    )
