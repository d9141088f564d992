"""components/monitoring/rules.py: the PrometheusRule passes `promtool check rules` and its CRD
schema, every alert has a severity and a runbook section that exists."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from components.monitoring.rules import prometheus_rule, rule_groups
from components.monitoring.target import AirflowTarget
from components.settings.monitoring import AlertThresholds
from tests.conftest import PROJECT_ROOT, crd_schema_errors
from tests.monitoring.conftest import RUNBOOK, promtool_path

RULE_SCHEMA = "monitoring.coreos.com/prometheusrule_v1.json"


def promtool_check(promtool: str, tmp_path: Path, groups: dict) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "rules.yml"
    path.write_text(yaml.safe_dump(groups, sort_keys=False))
    return subprocess.run(
        [promtool, "check", "rules", str(path)], capture_output=True, text=True, timeout=60
    )


def test_rules_pass_promtool_check(
    promtool: str, tmp_path: Path, target: AirflowTarget, thresholds: AlertThresholds
) -> None:
    result = promtool_check(promtool, tmp_path, rule_groups(target, thresholds, RUNBOOK))
    assert result.returncode == 0, result.stdout + result.stderr
    broken = rule_groups(target, thresholds, RUNBOOK)
    broken["groups"][0]["rules"][0]["expr"] += " +"
    assert promtool_check(promtool, tmp_path, broken).returncode != 0


def test_prometheus_rule_matches_its_crd_schema(
    target: AirflowTarget, thresholds: AlertThresholds
) -> None:
    rule = prometheus_rule(target, thresholds, RUNBOOK, {"release": "kube-prometheus-stack"})
    assert crd_schema_errors(RULE_SCHEMA, rule) == []
    assert rule["metadata"]["labels"] == {"release": "kube-prometheus-stack"}
    rule["spec"]["groups"][0]["rules"][0]["for"] = "5 minutes"
    assert crd_schema_errors(RULE_SCHEMA, rule) != []


def test_every_alert_has_a_severity_and_an_existing_runbook_section(
    target: AirflowTarget, thresholds: AlertThresholds
) -> None:
    runbooks = (PROJECT_ROOT / "docs" / "runbooks.md").read_text()
    sections = {h.strip().lower() for h in re.findall(r"^## (.+)$", runbooks, re.M)}
    rules = [r for g in rule_groups(target, thresholds, RUNBOOK)["groups"] for r in g["rules"]]
    assert len(rules) >= 13
    for rule in rules:
        assert rule["labels"]["severity"] in ("critical", "warning"), rule["alert"]
        url, anchor = rule["annotations"]["runbook_url"].split("#")
        assert url == RUNBOOK
        assert anchor in sections, f"{rule['alert']}: no section '## {rule['alert']}'"


def test_every_selector_names_the_airflow_namespace(
    target: AirflowTarget, thresholds: AlertThresholds
) -> None:
    """Rules in one Prometheus see every namespace: each series must be this release's."""
    rules = [r for g in rule_groups(target, thresholds, RUNBOOK)["groups"] for r in g["rules"]]
    for rule in rules:
        selectors = re.findall(r"[a-z_]+(\{[^}]*\})", rule["expr"])
        assert selectors, rule["alert"]
        for selector in selectors:
            assert 'namespace="airflow"' in selector, (rule["alert"], selector)


def test_without_promtool_ci_fails_and_local_runs_skip(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run the rule tests"):
        promtool_path()
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception, match="promtool is not installed"):
        promtool_path()
