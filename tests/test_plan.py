"""tools/plan.py: the offline plan and the PR diff between two renders."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from offline.cost.estimate import estimate_cost
from offline.cost.saved import load_estimate
from offline.cost.table import price_table
from tests.conftest import PROJECT_ROOT
from tools import plan
from tools.plan_diff import diff


def render(stack: str, out: Path, config_file: Path | None = None) -> int:
    return plan.plan(stack, out, config_file, manifests=False)


def test_plan_prints_the_tree_and_writes_resources_and_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert render("prod", tmp_path) == 0
    printed = capsys.readouterr().out
    assert "pulumi:pulumi:Stack  airflow-platform-prod" in printed
    assert "├─ airflow-platform:database:Database  metadata-db" in printed
    assert "│  ├─ aws:rds/instance:Instance  metadata-db-instance  [protect]" in printed
    assert "Resources by type:" in printed and "kubernetes:core/v1:Secret" in printed
    records = json.loads((tmp_path / "resources.json").read_text())
    assert {r["type"] for r in records} >= {
        "aws:rds/instance:Instance",
        "kubernetes:helm.sh/v3:Release",
    }
    assert sorted(p.name for p in (tmp_path / "values").iterdir()) == [
        "airflow.yaml",
        "cert-manager.yaml",
        "keda.yaml",
    ]
    airflow_values = yaml.safe_load((tmp_path / "values" / "airflow.yaml").read_text())
    assert airflow_values["executor"] == "CeleryExecutor,KubernetesExecutor"


def test_rendered_files_hold_no_secret_values(tmp_path: Path) -> None:
    from tests.conftest import cached_run

    render("dev", tmp_path)
    text = (tmp_path / "resources.json").read_text()
    text += "".join(p.read_text() for p in (tmp_path / "values").iterdir())
    for secret in cached_run("dev").generated_secrets():
        assert secret not in text
    assert "postgresql://" not in text
    assert '"stringData": "[secret]"' in text


def test_renders_are_reproducible_byte_for_byte(tmp_path: Path) -> None:
    render("dev", tmp_path / "a")
    render("dev", tmp_path / "b")
    text = diff(tmp_path / "a", tmp_path / "b")
    assert text.strip().endswith("No changes.")
    assert "Estimated monthly cost" not in text, "an unchanged estimate is not in the diff"
    for name in ("resources.json", "values/airflow.yaml", "cost.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_diff_shows_resource_and_values_changes(tmp_path: Path) -> None:
    render("dev", tmp_path / "base")
    stack = yaml.safe_load((PROJECT_ROOT / "Pulumi.dev.yaml").read_text())
    stack["config"]["airflow-platform:database"] = {"instanceClass": "db.t4g.small"}
    stack["config"]["airflow-platform:airflow"]["executor"] = "CeleryExecutor,KubernetesExecutor"
    changed = tmp_path / "Pulumi.dev.yaml"
    changed.write_text(yaml.safe_dump(stack))
    render("dev", tmp_path / "head", changed)
    text = diff(tmp_path / "base", tmp_path / "head")
    assert "0 to add, " in text and " to delete" in text
    assert "- change `aws:rds/instance:Instance` **metadata-db-instance**" in text
    assert 'instanceClass: "db.t4g.micro" → "db.t4g.small"' in text
    assert "**Helm values `airflow.yaml`:**" in text
    assert "+executor: CeleryExecutor,KubernetesExecutor" in text


def test_bad_config_exits_non_zero_without_traceback(tmp_path: Path) -> None:
    stack = yaml.safe_load((PROJECT_ROOT / "Pulumi.dev.yaml").read_text())
    stack["config"]["airflow-platform:airflow"]["executor"] = "CeleryKubernetesExecutor"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(stack))
    result = subprocess.run(
        [
            sys.executable,
            "tools/plan.py",
            "dev",
            "--out",
            str(tmp_path / "out"),
            "--config-file",
            str(bad),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "airflow-platform:airflow.executor" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "out").exists()


def test_set_changes_config_like_pulumi_config_set_path() -> None:
    assert plan.config_overrides(
        [
            "database.restore.snapshotIdentifier=s-1",
            "secrets.rotation.fernetKey=2",
            "environment=dev",
        ]
    ) == {
        "airflow-platform:database": {"restore": {"snapshotIdentifier": "s-1"}},
        "airflow-platform:secrets": {"rotation": {"fernetKey": 2}},
        "airflow-platform:environment": "dev",
    }
    # A time stays text (YAML would make it a date); null removes the key, as `config rm`.
    assert plan.config_overrides(["database.restore.pointInTime.restoreTime=2026-11-30T21:15:00Z"])[
        "airflow-platform:database"
    ]["restore"]["pointInTime"] == {"restoreTime": "2026-11-30T21:15:00Z"}
    assert plan.config_overrides(["airflow.dags.gitSync=null"]) == {
        "airflow-platform:airflow": {"dags": {"gitSync": None}}
    }


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_the_plan_of_a_restore_shows_exactly_what_it_replaces(stack: str, tmp_path: Path) -> None:
    plan.plan(stack, tmp_path / "before", manifests=False)
    restore = plan.config_overrides(["database.restore.snapshotIdentifier=pre-incident"])
    plan.plan(stack, tmp_path / "restore", overrides=restore, manifests=False)
    text = diff(tmp_path / "before", tmp_path / "restore")
    lines = [line for line in text.splitlines() if line.startswith("- ")]
    protected = " (will fail: protected)" if stack == "prod" else ""
    # The roles Jobs run again on the new instance (their names carry the restore).
    jobs = ["airflow-database-roles", *(["airflow-keda-grants"] if stack == "prod" else [])]
    assert sorted(line for line in lines if line.startswith("- replace")) == [
        "- replace `aws:cloudwatch/logGroup:LogGroup` **metadata-db-logs-postgresql**",
        "- replace `aws:cloudwatch/logGroup:LogGroup` **metadata-db-logs-upgrade**",
        f"- replace `aws:rds/instance:Instance` **metadata-db-instance**{protected}",
        *(f"- replace `kubernetes:batch/v1:Job` **{job}**" for job in jobs),
    ]
    assert text.startswith("**Resources:** 0 to add, ")
    assert f"{3 + len(jobs)} to replace, 0 to delete" in text
    # The rest only follows the new identifier (alarms); nothing else moves.
    assert {line.split("`")[1] for line in lines if line.startswith("- change")} <= {
        "aws:cloudwatch/metricAlarm:MetricAlarm"
    }
    assert 'snapshotIdentifier: "<absent>" → "pre-incident"' in text
    # Same Secrets, new address in them: the pods that connect roll, or they keep the old one.
    assert "+airflowPodAnnotations:" in text
    assert "+  airflow-platform/secrets-rotation: databaseRestore=" in text


def test_rotation_adds_a_fernet_generation_and_rolls_pods_without_replacing(
    tmp_path: Path,
) -> None:
    plan.plan("prod", tmp_path / "before", manifests=False)
    rotated = plan.config_overrides(["secrets.rotation.fernetKey=1"])
    plan.plan("prod", tmp_path / "rotated", overrides=rotated, manifests=False)
    text = diff(tmp_path / "before", tmp_path / "rotated")
    assert "**Resources:** 1 to add, 1 to change, 0 to replace, 0 to delete" in text
    assert "- add `random:index/randomBytes:RandomBytes` **airflow-fernet-key-1**" in text
    assert "  protect: true → false" in text, "the previous key may go at the next rotation"
    assert "+airflowPodAnnotations:" in text


# The database each stack's file asks for, and the class one size up (both in the price table).
DATABASE = {
    "dev": ("db.t4g.micro", "db.t4g.small", 1),
    "prod": ("db.m7g.large", "db.m7g.xlarge", 2),
}


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_plan_prints_and_writes_the_monthly_estimate(
    stack: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert render(stack, tmp_path) == 0
    printed = capsys.readouterr().out
    records = json.loads((tmp_path / "resources.json").read_text())
    estimate = estimate_cost(records)
    assert load_estimate(tmp_path) == estimate, "cost.json holds what was printed"
    table = price_table("eu-west-1")
    assert table is not None
    assert (
        f"\nEstimated monthly cost: {estimate.total:,.2f} USD, eu-west-1 prices of {table.date}"
        f" ({table.provenance}); cluster nodes excluded: the program does not create them\n"
    ) in printed
    instance_class, _, copies = DATABASE[stack]
    database = next(r for r in records if r["type"] == "aws:rds/instance:Instance")
    hourly = table.hourly("rdsPostgresInstanceHourly", instance_class)
    assert hourly is not None
    storage = database["inputs"]["allocatedStorage"] * table.rate("rdsGp3StorageGbMonth")
    monthly = round(copies * (hourly * 730 + storage), 2)
    assert f"  {monthly:>10,.2f}  metadata-db-instance (aws:rds/instance:Instance): " in printed
    alarms = [r["name"] for r in records if r["type"] == "aws:cloudwatch/metricAlarm:MetricAlarm"]
    assert alarms and all(f"0.10  {name} (aws:cloudwatch/" in printed for name in alarms)
    assert "usage-based, not in the total: shared-storage-fs: stored files" in printed
    assert f"Wrote {tmp_path / 'resources.json'}, {tmp_path / 'cost.json'} and " in printed


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_the_diff_of_an_instance_class_change_is_the_tables_price_difference(
    stack: str, tmp_path: Path
) -> None:
    old_class, new_class, copies = DATABASE[stack]
    plan.plan(stack, tmp_path / "base", manifests=False)
    bigger = plan.config_overrides([f"database.instanceClass={new_class}"])
    plan.plan(stack, tmp_path / "head", overrides=bigger, manifests=False)
    text = diff(tmp_path / "base", tmp_path / "head")
    table = price_table("eu-west-1")
    assert table is not None
    old_hourly = table.hourly("rdsPostgresInstanceHourly", old_class)
    new_hourly = table.hourly("rdsPostgresInstanceHourly", new_class)
    assert old_hourly is not None and new_hourly is not None
    difference = (new_hourly - old_hourly) * table.hours_per_month * copies
    old = load_estimate(tmp_path / "base")
    assert old is not None
    assert text.splitlines()[1].startswith(
        f"Estimated monthly cost: {old.total:,.2f} USD → {old.total + difference:,.2f} USD"
        f" (+{difference:,.2f} USD), eu-west-1 prices of {table.date}"
    )
    by_resource = text.split("**Estimated monthly cost by resource:**\n")[1].splitlines()
    assert [line.split("**")[1] for line in by_resource] == ["metadata-db-instance"]
    assert f"({new_class} " in by_resource[0]
