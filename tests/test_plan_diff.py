"""tools/plan_diff.py: the reviewer's diff of two offline plans, built from two stack files."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
import yaml

from offline.cost.estimate import CostLine, Estimate
from offline.cost.saved import save_estimate
from tests.conftest import PROJECT_ROOT
from tools import plan
from tools.plan_diff import diff

KMS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def _plan(stack_file: Path, out: Path) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        assert plan.plan("prod", out, config_file=stack_file) == 0


@pytest.fixture(scope="module")
def prod_diff(tmp_path_factory: pytest.TempPathFactory) -> str:
    """prod as committed against prod with: the database encrypted with a customer key
    (forces a new instance), three schedulers (values only), the HTTP-01 solver (the DNS role
    goes, so the cert-manager release no longer depends on it)."""
    folder = tmp_path_factory.mktemp("plan-diff")
    stack = yaml.safe_load((PROJECT_ROOT / "Pulumi.prod.yaml").read_text())
    _plan(PROJECT_ROOT / "Pulumi.prod.yaml", folder / "base")
    config = stack["config"]
    config["airflow-platform:database"] = {"kmsKeyArn": KMS_KEY}
    config["airflow-platform:airflow"]["schedulerReplicas"] = 3
    config["airflow-platform:certManager"]["solver"] = "http01"
    del config["airflow-platform:certManager"]["hostedZoneId"]
    changed = folder / "Pulumi.prod.yaml"
    changed.write_text(yaml.safe_dump(stack))
    _plan(changed, folder / "head")
    return diff(folder / "base", folder / "head")


def test_the_summary_line_counts_resources_releases_and_objects(prod_diff: str) -> None:
    assert prod_diff.splitlines()[0] == (
        "**Resources:** 0 to add, 1 to change, 1 to replace, 2 to delete · "
        "**Releases:** 2 with changed values · **Objects:** 0 to add, 2 to change, 0 to delete"
    )


def test_a_forced_replacement_of_a_protected_resource_is_a_failure_to_come(prod_diff: str) -> None:
    assert (
        "- replace `aws:rds/instance:Instance` **metadata-db-instance** (will fail: protected)"
        in prod_diff.splitlines()
    )
    assert f'  kmsKeyId: "<absent>" → "{KMS_KEY}"  # forces replacement' in prod_diff


def test_a_values_only_release_change_is_counted_and_diffed_not_a_resource_change(
    prod_diff: str,
) -> None:
    assert "**airflow-release**" not in prod_diff  # the values are not an input line
    assert "**Helm values `airflow.yaml`:**" in prod_diff
    assert "-  replicas: 2\n+  replicas: 3" in prod_diff
    assert "**Objects of release `airflow`:**\n- change `Deployment airflow/airflow-scheduler`" in (
        prod_diff
    )
    assert "  -  replicas: 2\n  +  replicas: 3" in prod_diff  # the object's own diff


def test_a_dependency_change_is_shown(prod_diff: str) -> None:
    assert (
        "**Dependency changes:**\n"
        "- `kubernetes:helm.sh/v3:Release` **cert-manager-release**: dependsOn -cert-manager-dns01"
    ) in prod_diff
    assert "- delete `aws:iam/role:Role` **cert-manager-dns01**\n" in prod_diff
    assert "- change `ServiceAccount cert-manager/cert-manager`" in prod_diff


def test_objects_are_not_compared_when_a_side_has_no_manifests(tmp_path: Path) -> None:
    for side in ("base", "head"):
        (tmp_path / side / "values").mkdir(parents=True)
        (tmp_path / side / "resources.json").write_text("[]")
    (tmp_path / "head" / "manifests").mkdir()
    (tmp_path / "head" / "manifests" / "SKIPPED.txt").write_text("chart packages absent\n")
    text = diff(tmp_path / "base", tmp_path / "head")
    assert text.splitlines()[0].endswith(
        "**Objects:** not compared (base has no rendered manifests)"
    )
    assert text.strip().endswith("No changes.")
    assert "Estimated monthly cost" not in text  # neither plan has one


def test_an_estimate_that_does_not_change_is_not_in_the_diff(prod_diff: str) -> None:
    # A customer key, a replica count and a solver change nothing the table prices.
    assert "Estimated monthly cost" not in prod_diff


def _plan_folder(folder: Path, estimate: Estimate | None) -> Path:
    (folder / "values").mkdir(parents=True)
    (folder / "resources.json").write_text("[]")
    if estimate is not None:
        save_estimate(estimate, folder)
    return folder


ESTIMATE = Estimate(
    "eu-west-1",
    "2026-12-01",
    "hand-entered",
    lines=[CostLine("metadata-db-instance", "aws:rds/instance:Instance", 15.68, "db.t4g.micro")],
)


def test_a_base_planned_before_estimates_is_said_so_with_the_heads_estimate(
    tmp_path: Path,
) -> None:
    base = _plan_folder(tmp_path / "base", None)  # an older tools/plan.py wrote no cost.json
    head = _plan_folder(tmp_path / "head", ESTIMATE)
    assert diff(base, head).splitlines()[1] == (
        "Estimated monthly cost not compared: the base plan has no cost.json (made by an older"
        " tools/plan.py); head: 15.68 USD, eu-west-1 prices of 2026-12-01 (hand-entered);"
        " cluster nodes excluded: the program does not create them"
    )
    assert "the head plan has no cost.json" in diff(head, base)
