"""One alerting rule as the Prometheus Operator's PrometheusRule holds it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["critical", "warning"]


@dataclass(frozen=True)
class Alert:
    name: str
    expr: str
    severity: Severity
    summary: str
    description: str
    for_minutes: int = 0

    def rule(self, runbook_url: str) -> dict[str, Any]:
        """The rule; its runbook link is the section of docs/runbooks.md titled by its name."""
        rule: dict[str, Any] = {"alert": self.name, "expr": self.expr}
        if self.for_minutes:
            rule["for"] = f"{self.for_minutes}m"
        rule["labels"] = {"severity": self.severity}
        rule["annotations"] = {
            "summary": self.summary,
            "description": self.description,
            "runbook_url": f"{runbook_url}#{self.name.lower()}",
        }
        return rule
