"""components/database_restore.py: the restored instance's identifier and its restore block."""

from __future__ import annotations

import pytest

from components.database_restore import point_in_time_args, restored_identifier
from components.settings import RestoreSettings
from tests.conftest import cached_run
from tests.test_database import INSTANCE, db


def test_a_restore_gets_an_identifier_of_its_own_source() -> None:
    first = RestoreSettings.model_validate({"snapshotIdentifier": "s-1"})
    again = RestoreSettings.model_validate({"snapshotIdentifier": "s-1"})
    other = RestoreSettings.model_validate({"snapshotIdentifier": "s-2"})
    assert restored_identifier("airflow-platform-prod", None) == "airflow-platform-prod"
    name = restored_identifier("airflow-platform-prod", first)
    assert name == restored_identifier("airflow-platform-prod", again), "stable between runs"
    assert name != restored_identifier("airflow-platform-prod", other)
    assert name.startswith("airflow-platform-prod-restored-") and len(name) <= 63


def test_only_a_point_in_time_restore_has_the_block() -> None:
    assert point_in_time_args(None) is None
    assert point_in_time_args(RestoreSettings.model_validate({"snapshotIdentifier": "s"})) is None
    pit = RestoreSettings.model_validate(
        {"pointInTime": {"sourceDbInstanceIdentifier": "db", "useLatestRestorableTime": True}}
    )
    block = point_in_time_args(pit)
    assert block is not None and block.use_latest_restorable_time is True


SNAPSHOT_RESTORE = {
    "airflow-platform:database": {"restore": {"snapshotIdentifier": "pre-incident"}}
}
PIT_RESTORE = {
    "airflow-platform:database": {
        "restore": {
            "pointInTime": {
                "sourceDbInstanceIdentifier": "airflow-platform-prod",
                "restoreTime": "2026-11-30T21:15:00Z",
            }
        }
    }
}


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_a_snapshot_restore_creates_a_new_instance_from_the_snapshot(stack: str) -> None:
    run = cached_run(stack, SNAPSHOT_RESTORE)
    inputs = db(run)
    assert inputs["snapshotIdentifier"] == "pre-incident"
    assert "restoreToPointInTime" not in inputs
    # A new identifier: created before the current instance goes (create, then delete).
    assert inputs["identifier"].startswith(f"airflow-platform-{stack}-restored-")
    assert inputs["tags"]["Name"] == inputs["identifier"]
    assert not run.one(INSTANCE).delete_before_replace
    # The database and master user come with the data; the password is set again.
    assert "dbName" not in inputs and "username" not in inputs
    assert inputs["password"]
    logs = run.by_type("aws:cloudwatch/logGroup:LogGroup")
    assert {g.inputs["name"] for g in logs} == {
        f"/aws/rds/instance/{inputs['identifier']}/{log}" for log in ("postgresql", "upgrade")
    }


def test_a_point_in_time_restore_reads_the_source_instance_at_that_time() -> None:
    inputs = db(cached_run("prod", PIT_RESTORE))
    assert inputs["restoreToPointInTime"] == {
        "sourceDbInstanceIdentifier": "airflow-platform-prod",
        "restoreTime": "2026-11-30T21:15:00Z",
    }
    assert "snapshotIdentifier" not in inputs
    assert inputs["identifier"] != db(cached_run("prod", SNAPSHOT_RESTORE))["identifier"]
