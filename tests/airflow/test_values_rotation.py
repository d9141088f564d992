"""components/airflow/values/rotation.py: a rotation restarts exactly the pods that read it."""

from __future__ import annotations

import pytest

from components.airflow.values.rotation import ANNOTATION, rotation_values
from components.settings import RotationSettings
from tests.airflow.conftest import values
from tests.conftest import ProgramRun, cached_run, chart_schema_errors


def test_nothing_before_the_first_rotation(any_run: ProgramRun) -> None:
    rendered = values(any_run)
    assert "airflowPodAnnotations" not in rendered
    assert ANNOTATION not in str(rendered)


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_a_rotation_changes_the_pod_templates_of_its_readers(stack: str) -> None:
    rotated = {"appDatabasePassword": 2}
    run = cached_run(stack, {"airflow-platform:secrets": {"rotation": rotated}})
    rendered = values(run)
    assert rendered["airflowPodAnnotations"] == {ANNOTATION: "appDatabasePassword=2"}
    # PgBouncer loads users.txt (the password) once; Redis reads nothing of the database.
    assert rendered.get("pgbouncer", {}).get("podAnnotations", {}).get(ANNOTATION) == (
        "appDatabasePassword=2"
    )
    assert "podAnnotations" not in rendered["redis"]
    assert rendered["pgbouncer"]["enabled"] is (stack == "prod"), "merged, not replaced"
    assert chart_schema_errors("airflow", rendered) == []


def test_the_master_password_restarts_no_pod() -> None:
    """Only the database-roles Job reads it; Airflow and PgBouncer connect as the app role."""
    assert rotation_values(RotationSettings.model_validate({"databasePassword": 3})) == {}
    both = RotationSettings.model_validate({"databasePassword": 3, "kedaDatabasePassword": 1})
    assert rotation_values(both) == {
        "airflowPodAnnotations": {ANNOTATION: "kedaDatabasePassword=1"}
    }


def test_redis_restarts_for_its_own_password_only() -> None:
    numbers = RotationSettings.model_validate({"redisPassword": 1, "fernetKey": 3})
    assert rotation_values(numbers) == {
        "airflowPodAnnotations": {ANNOTATION: "fernetKey=3,redisPassword=1"},
        "redis": {"podAnnotations": {ANNOTATION: "redisPassword=1"}},
    }


def test_a_restore_rolls_airflow_and_pgbouncer_to_the_new_instance() -> None:
    restored = rotation_values(RotationSettings(), "snapshot:pre-incident")
    token = restored["airflowPodAnnotations"][ANNOTATION]
    assert token.startswith("databaseRestore=")
    assert restored["pgbouncer"] == {"podAnnotations": {ANNOTATION: token}}
    assert "redis" not in restored
    assert rotation_values(RotationSettings(), "snapshot:other") != restored
