"""The security gate's judgement: checkov's failed checks against the repository's allowlist.

A finding is one failed check on one resource of one stack. The allowlist
(security/checkov-allowlist.yaml) accepts a finding only with a reason; a finding it does not
accept fails the gate, and so does an entry that no longer accepts anything (stale), so the list
shrinks when the program improves.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

__all__ = [
    "ALLOWLIST",
    "AllowlistEntry",
    "AllowlistError",
    "Finding",
    "checkov_findings",
    "checkov_summaries",
    "load_allowlist",
    "stack_of",
    "stale_entries",
    "unlisted_findings",
]

ALLOWLIST = Path(__file__).resolve().parent.parent / "security" / "checkov-allowlist.yaml"
STACKS = ("dev", "prod")


@dataclass(frozen=True)
class Finding:
    """One failed check: which check, on which resource, in which file of which stack."""

    check_id: str
    check_name: str
    resource: str
    file: str
    stack: str

    def __str__(self) -> str:
        return f"{self.check_id} {self.resource} ({self.stack}: {self.file}): {self.check_name}"


class AllowlistError(ValueError):
    """The allowlist file is malformed; the message names the entry and the field."""


class AllowlistEntry(BaseModel):
    """A finding accepted on purpose, and why."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    check_id: str = Field(pattern=r"^CKV2?_[A-Z0-9]+_\d+$", description="checkov's check id.")
    resource: str | None = Field(default=None, description="The resource id checkov reports.")
    pattern: str | None = Field(default=None, description="A glob over resource ids instead.")
    stack: str | None = Field(default=None, description="Only in this stack (default: any).")
    reason: str = Field(description="Why the finding is acceptable: a sentence.")

    @field_validator("stack")
    @classmethod
    def _known_stack(cls, stack: str | None) -> str | None:
        if stack is not None and stack not in STACKS:
            raise ValueError(f"stack must be one of {STACKS}")
        return stack

    @field_validator("reason")
    @classmethod
    def _a_sentence(cls, reason: str) -> str:
        text = " ".join(reason.split())
        placeholder = any(word in text.upper() for word in ("TODO", "TBD", "FIXME"))
        if len(text.split()) < 8 or placeholder or not text.endswith("."):
            raise ValueError(
                "reason must be a sentence of at least 8 words saying why the finding is "
                "acceptable, e.g. 'CloudWatch cannot publish alarms to a topic encrypted "
                "with the AWS-managed key.'"
            )
        return text

    @model_validator(mode="after")
    def _one_target(self) -> AllowlistEntry:
        if (self.resource is None) == (self.pattern is None):
            raise ValueError("give exactly one of `resource` and `pattern`")
        return self

    def matches(self, finding: Finding) -> bool:
        if finding.check_id != self.check_id or self.stack not in (None, finding.stack):
            return False
        if self.resource is not None:
            return finding.resource == self.resource
        return fnmatch.fnmatchcase(finding.resource, str(self.pattern))

    def __str__(self) -> str:
        where = self.resource or f"pattern {self.pattern}"
        return f"{self.check_id} {where}" + (f" (stack {self.stack})" if self.stack else "")


def load_allowlist(path: Path = ALLOWLIST) -> list[AllowlistEntry]:
    raw = yaml.safe_load(path.read_text()) or []
    if not isinstance(raw, list):
        raise AllowlistError(f"{path}: expected a list of entries, found {type(raw).__name__}")
    entries = []
    for index, item in enumerate(raw):
        try:
            entries.append(AllowlistEntry.model_validate(item))
        except ValidationError as error:
            raise AllowlistError(f"{path}: entry {index} ({item}): {error}") from error
    return entries


def _reports(output: Any) -> list[dict[str, Any]]:
    """checkov -o json prints one report, or a list of them (one per framework)."""
    return [output] if isinstance(output, dict) else list(output)


def checkov_summaries(output: Any) -> list[dict[str, Any]]:
    """Each report's summary (passed, failed, parsing_errors, resource_count)."""
    return [report["summary"] for report in _reports(output)]


def stack_of(file: str) -> str:
    """The stack a scanned file belongs to: files are laid out as `<stack>/...`."""
    stack = Path(file.lstrip("/")).parts[0]
    if stack not in STACKS:
        raise ValueError(f"{file}: not under a stack's directory {STACKS}")
    return stack


def checkov_findings(output: Any) -> list[Finding]:
    """Every failed check of checkov's JSON output."""
    return [
        Finding(
            check["check_id"],
            check.get("check_name", ""),
            check["resource"],
            check["file_path"],
            stack_of(check["file_path"]),
        )
        for report in _reports(output)
        for check in report.get("results", {}).get("failed_checks", [])
    ]


def unlisted_findings(
    findings: Iterable[Finding], entries: Iterable[AllowlistEntry]
) -> list[Finding]:
    entries = list(entries)
    return [f for f in findings if not any(entry.matches(f) for entry in entries)]


def stale_entries(
    entries: Iterable[AllowlistEntry], findings: Iterable[Finding]
) -> list[AllowlistEntry]:
    findings = list(findings)
    return [entry for entry in entries if not any(entry.matches(f) for f in findings)]
