"""The security gate: checkov over what both stacks would create (the AWS resources as a
Terraform-plan view, the rendered manifests); a finding not on security/checkov-allowlist.yaml
fails, and so does an allowlist entry that matches nothing any more. Proved not vacuous: an
insecure database, bucket and pod added to the prod stack are reported.

In the integration tier because checkov is installed into its own venv (cached; in CI a failed
install fails the tier).
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from pathlib import Path
from typing import Any

from offline.security_gate import (
    AllowlistEntry,
    Finding,
    checkov_findings,
    checkov_summaries,
    load_allowlist,
    stale_entries,
    unlisted_findings,
)
from offline.terraform_view import plan_view
from tests.conftest import cached_run
from tests.integration.checkov import scan, write_stack
from tests.rendered.conftest import cached_render


def report_of(findings: list[Finding]) -> str:
    return "\n".join(str(f) for f in sorted(findings, key=str))


def test_checkov_read_every_resource_and_manifest(gate_reports: list[dict[str, Any]]) -> None:
    summaries = {s["resource_count"]: s for s in checkov_summaries(gate_reports)}
    assert len(gate_reports) == 2 and all(s["parsing_errors"] == 0 for s in summaries.values())
    plan = next(r for r in gate_reports if r["check_type"] == "terraform_plan")["summary"]
    expected = sum(
        len(
            plan_view(cached_run(stack).registrations)["planned_values"]["root_module"]["resources"]
        )
        for stack in ("dev", "prod")
    )
    assert plan["resource_count"] == expected
    kubernetes = next(r for r in gate_reports if r["check_type"] == "kubernetes")["summary"]
    workloads = sum(
        o["kind"] in {"Deployment", "StatefulSet", "Job", "CronJob", "DaemonSet"}
        for stack in ("dev", "prod")
        for o in cached_render(stack).objects
    )
    assert kubernetes["resource_count"] > workloads > 10


def test_every_finding_is_on_the_allowlist(gate_reports: list[dict[str, Any]]) -> None:
    unlisted = unlisted_findings(checkov_findings(gate_reports), load_allowlist())
    assert not unlisted, (
        "checkov findings not on security/checkov-allowlist.yaml (fix the program, or add an "
        f"entry with its reason):\n{report_of(unlisted)}"
    )


def test_no_allowlist_entry_is_stale(gate_reports: list[dict[str, Any]]) -> None:
    stale = stale_entries(load_allowlist(), checkov_findings(gate_reports))
    assert not stale, "allowlist entries that match no finding any more (remove them):\n" + (
        "\n".join(str(e) for e in stale)
    )


def insecure_prod_stack() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Prod's plan view and manifests with a public unencrypted database, a bare bucket and a
    privileged pod added, each through the same path as the program's own resources."""
    run = cached_run("prod")
    database = run.one("aws:rds/instance:Instance")
    bucket = run.one("aws:s3/bucket:Bucket")
    added = [
        dataclasses.replace(
            database,
            name="insecure-db",
            urn=database.urn + "-insecure",
            redacted_inputs={
                **database.redacted_inputs,
                "publiclyAccessible": True,
                "storageEncrypted": False,
            },
        ),
        dataclasses.replace(
            bucket,
            name="insecure-bucket",
            urn=bucket.urn + "-insecure",
            redacted_inputs={"bucket": "airflow-platform-prod-insecure"},
        ),
    ]
    pod = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "insecure-debug", "namespace": "airflow"},
        "spec": {
            "containers": [
                {"name": "shell", "image": "busybox:1.37", "securityContext": {"privileged": True}}
            ]
        },
    }
    plan = plan_view([*run.registrations, *added])
    return plan, [*cached_render("prod").objects, pod]


def test_the_gate_reports_an_insecure_database_bucket_and_pod() -> None:
    workspace = Path(tempfile.mkdtemp(prefix="airflow-platform-gate-insecure-"))
    try:
        plan, objects = insecure_prod_stack()
        write_stack(workspace, "prod", plan, objects)
        reports, seconds = scan(workspace)
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
    print(f"security gate: checkov scanned the insecure prod stack in {seconds:.1f} s")
    allowlist: list[AllowlistEntry] = load_allowlist()
    unlisted = {
        (f.check_id, f.resource) for f in unlisted_findings(checkov_findings(reports), allowlist)
    }
    assert {
        ("CKV_AWS_17", "aws_db_instance.insecure-db"),  # publicly accessible
        ("CKV_AWS_16", "aws_db_instance.insecure-db"),  # not encrypted at rest
        ("CKV2_AWS_6", "aws_s3_bucket.insecure-bucket"),  # no public access block
        ("CKV_K8S_16", "Pod.airflow.insecure-debug"),  # privileged container
    } <= unlisted, report_of(checkov_findings(reports))
