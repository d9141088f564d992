"""offline/security_gate.py: checkov's failed checks judged against the allowlist (unlisted
findings and stale entries), and the allowlist file refused when an entry is malformed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from offline.security_gate import (
    ALLOWLIST,
    AllowlistEntry,
    AllowlistError,
    Finding,
    checkov_findings,
    checkov_summaries,
    load_allowlist,
    stale_entries,
    unlisted_findings,
)

REASON = "The topic carries only alarm names and thresholds, nothing confidential at all."


def failed(check_id: str, resource: str, file: str) -> dict[str, Any]:
    return {"check_id": check_id, "check_name": "Ensure x", "resource": resource, "file_path": file}


def report(*checks: dict[str, Any]) -> dict[str, Any]:
    summary = {"passed": 3, "failed": len(checks), "parsing_errors": 0, "resource_count": 2}
    return {
        "check_type": "terraform_plan",
        "results": {"failed_checks": list(checks)},
        "summary": summary,
    }


def finding(check_id: str, resource: str, stack: str = "prod") -> Finding:
    return Finding(check_id, "Ensure x", resource, f"/{stack}/plan.json", stack)


def entry(**fields: Any) -> AllowlistEntry:
    return AllowlistEntry.model_validate({"reason": REASON, **fields})


def test_findings_are_read_from_one_report_or_a_list_and_know_their_stack() -> None:
    sns = failed("CKV_AWS_26", "aws_sns_topic.alarms", "/prod/plan.json")
    pod = failed("CKV_K8S_16", "Pod.default.bad", "/dev/k8s/pod.yaml")
    assert checkov_findings(report(sns)) == [finding("CKV_AWS_26", "aws_sns_topic.alarms")]
    both = checkov_findings([report(sns), report(pod)])
    assert [(f.check_id, f.stack, f.file) for f in both] == [
        ("CKV_AWS_26", "prod", "/prod/plan.json"),
        ("CKV_K8S_16", "dev", "/dev/k8s/pod.yaml"),
    ]
    assert checkov_summaries([report(sns), report()])[1]["failed"] == 0
    with pytest.raises(ValueError, match="not under a stack"):
        checkov_findings(report(failed("CKV_AWS_26", "x", "/plan.json")))


def test_an_entry_matches_by_check_resource_or_pattern_and_stack() -> None:
    sns = finding("CKV_AWS_26", "aws_sns_topic.alarms")
    assert entry(check_id="CKV_AWS_26", resource="aws_sns_topic.alarms").matches(sns)
    assert entry(check_id="CKV_AWS_26", pattern="aws_sns_topic.*").matches(sns)
    assert entry(check_id="CKV_AWS_26", pattern="*", stack="prod").matches(sns)
    assert not entry(check_id="CKV_AWS_26", pattern="*", stack="dev").matches(sns)
    assert not entry(check_id="CKV_AWS_27", pattern="*").matches(sns)
    assert not entry(check_id="CKV_AWS_26", resource="aws_sns_topic.other").matches(sns)


def test_unlisted_findings_fail_and_stale_entries_are_found() -> None:
    listed = finding("CKV_AWS_26", "aws_sns_topic.alarms")
    new = finding("CKV_AWS_17", "aws_db_instance.db")
    entries = [
        entry(check_id="CKV_AWS_26", resource="aws_sns_topic.alarms"),
        entry(check_id="CKV_AWS_18", pattern="aws_s3_bucket.*"),
    ]
    assert unlisted_findings([listed, new], entries) == [new]
    assert stale_entries(entries, [listed, new]) == [entries[1]]
    assert "CKV_AWS_17 aws_db_instance.db (prod: /prod/plan.json)" in str(new)


@pytest.mark.parametrize(
    ("fields", "complaint"),
    [
        ({"check_id": "CKV_AWS_26", "reason": "ok"}, "reason must be a sentence"),
        (
            {"check_id": "CKV_AWS_26", "reason": "TODO: say why this check does not apply here."},
            "reason must be a sentence",
        ),
        ({"check_id": "CKV_AWS_26", "resource": "a", "pattern": "b"}, "exactly one of"),
        ({"check_id": "CKV_AWS_26"}, "exactly one of"),
        ({"check_id": "AWS_26", "resource": "a"}, "check_id"),
        ({"check_id": "CKV_AWS_26", "resource": "a", "stack": "staging"}, "stack must be"),
        ({"check_id": "CKV_AWS_26", "resource": "a", "why": "x"}, "why"),
    ],
)
def test_a_malformed_entry_is_refused_naming_it(
    tmp_path: Path, fields: dict[str, Any], complaint: str
) -> None:
    path = tmp_path / "allowlist.yaml"
    good = {"check_id": "CKV_AWS_18", "resource": "aws_s3_bucket.b", "reason": REASON}
    path.write_text(yaml.safe_dump([good, {"reason": REASON, **fields}]))
    with pytest.raises(AllowlistError, match=rf"(?s)entry 1 .*{complaint}"):
        load_allowlist(path)


def test_the_repositorys_allowlist_loads_and_every_entry_has_a_reason() -> None:
    entries = load_allowlist(ALLOWLIST)
    assert entries and all(e.reason.endswith(".") for e in entries)
