"""components/database_snapshots.py: a snapshot before a version change, a final snapshot that
never collides."""

from __future__ import annotations

import pytest

from components.database_snapshots import AIRFLOW_VERSION_TAG, Versions, upgrade_changes
from components.pins import AIRFLOW_VERSION
from tests.conftest import DeployedInstance, ProgramRun, World, cached_run

SNAPSHOT = "aws:rds/snapshot:Snapshot"
INSTANCE = "aws:rds/instance:Instance"
RELEASE = "kubernetes:helm.sh/v3:Release"


def deployed(stack: str, postgres: str, airflow: str | None) -> World:
    """The stack's instance as an earlier `up` left it."""
    tags = {AIRFLOW_VERSION_TAG: airflow} if airflow else {}
    return World({f"airflow-platform-{stack}": DeployedInstance(f"{postgres}.4", tags)})


def snapshots(run: ProgramRun) -> list:
    return run.by_type(SNAPSHOT)


def test_a_first_deploy_takes_no_snapshot(any_run: ProgramRun) -> None:
    assert snapshots(any_run) == []
    tokens = [token for token, _ in any_run.invokes]
    assert "aws:rds/getInstances:getInstances" in tokens, "the live versions are looked up"
    assert "aws:rds/getInstance:getInstance" not in tokens, "it would fail: there is none yet"


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_unchanged_versions_take_no_snapshot(stack: str) -> None:
    assert snapshots(cached_run(stack, world=deployed(stack, "17", AIRFLOW_VERSION))) == []


@pytest.mark.parametrize(
    ("stack", "postgres", "airflow", "expected"),
    [
        ("dev", "16", AIRFLOW_VERSION, "pg16-airflow-3-2-2-to-pg17-airflow-3-2-2"),
        ("prod", "17", "3.1.7", "pg17-airflow-3-1-7-to-pg17-airflow-3-2-2"),
        ("prod", "16", "3.1.7", "pg16-airflow-3-1-7-to-pg17-airflow-3-2-2"),
    ],
)
def test_a_version_change_is_snapshotted_before_it_is_applied(
    stack: str, postgres: str, airflow: str, expected: str
) -> None:
    assert AIRFLOW_VERSION == "3.2.2", "update the expected identifiers with the pin"
    run = cached_run(stack, world=deployed(stack, postgres, airflow))
    snapshot = run.one(SNAPSHOT)
    assert snapshot.inputs == {
        "dbInstanceIdentifier": f"airflow-platform-{stack}",
        "dbSnapshotIdentifier": f"airflow-platform-{stack}-{expected}",
    }
    assert snapshot.retain_on_delete, "the next `up` drops it from the program, not from AWS"
    instance = run.one(INSTANCE)
    assert snapshot.urn in instance.dependencies, "the upgrade waits for the snapshot"
    assert instance.urn in run.one(RELEASE, "airflow-release").dependencies, "so do migrations"


def test_an_instance_from_before_the_version_tag_is_snapshotted_only_for_postgres() -> None:
    assert snapshots(cached_run("dev", world=deployed("dev", "17", None))) == []
    assert len(snapshots(cached_run("dev", world=deployed("dev", "16", None)))) == 1


def test_the_instance_records_the_airflow_version_it_migrates_to(any_run: ProgramRun) -> None:
    tags = any_run.one(INSTANCE).inputs["tags"]
    assert tags[AIRFLOW_VERSION_TAG] == AIRFLOW_VERSION


def test_upgrade_changes_compares_major_and_airflow() -> None:
    wanted = Versions("17", "3.2.2")
    assert not upgrade_changes(None, wanted)
    assert not upgrade_changes(Versions("17", "3.2.2"), wanted)
    assert upgrade_changes(Versions("16", "3.2.2"), wanted)
    assert upgrade_changes(Versions("17", "3.2.1"), wanted)
    assert not upgrade_changes(Versions("17", None), wanted)
    assert Versions("17", "3.2.0rc1").slug() == "pg17-airflow-3-2-0rc1"


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_a_restored_instance_is_looked_up_under_its_own_identifier(stack: str) -> None:
    """The old instance's versions say nothing about the restored one: no snapshot of it."""
    restore = {"airflow-platform:database": {"restore": {"snapshotIdentifier": "s-1"}}}
    run = cached_run(stack, restore, world=deployed(stack, "16", "3.1.7"))
    assert snapshots(run) == []
