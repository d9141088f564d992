"""components/monitoring/dashboard.py: every panel query is valid PromQL, the dashboard covers
every signal the alerts read, and the ConfigMap carries the sidecar's label."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import yaml

from components.monitoring.dashboard import dashboard, dashboard_config_map
from components.monitoring.rules import rule_groups
from components.monitoring.target import AirflowTarget
from components.settings.monitoring import AlertThresholds
from tests.monitoring.conftest import RUNBOOK

METRIC = re.compile(r"\b([a-z_]+)\{")


def expressions(target: AirflowTarget) -> list[str]:
    return [t["expr"] for p in dashboard(target)["panels"] for t in p["targets"]]


def test_every_panel_query_passes_promtool_check(
    promtool: str, tmp_path: Path, target: AirflowTarget
) -> None:
    def check(exprs: list[str]) -> subprocess.CompletedProcess[str]:
        rules = [{"record": f"dashboard:query_{i}", "expr": e} for i, e in enumerate(exprs)]
        path = tmp_path / "dashboard.yml"
        path.write_text(yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}))
        return subprocess.run(
            [promtool, "check", "rules", str(path)], capture_output=True, text=True, timeout=60
        )

    result = check(expressions(target))
    assert result.returncode == 0, result.stdout + result.stderr
    assert check(["sum(rate(x[5m])"]).returncode != 0


def test_dashboard_shows_every_metric_the_alerts_read(
    target: AirflowTarget, thresholds: AlertThresholds
) -> None:
    alerted = {
        name
        for g in rule_groups(target, thresholds, RUNBOOK)["groups"]
        for r in g["rules"]
        for name in METRIC.findall(r["expr"])
    } - {"up"}
    shown = {name for e in expressions(target) for name in METRIC.findall(e)}
    assert alerted - shown == set()
    assert "pgbouncer_exporter_pools_waiting_clients" in shown


def test_panels_have_unique_ids_and_do_not_overlap(target: AirflowTarget) -> None:
    panels = dashboard(target)["panels"]
    assert len({p["id"] for p in panels}) == len(panels)
    cells = [(p["gridPos"]["x"], p["gridPos"]["y"]) for p in panels]
    assert len(set(cells)) == len(cells)
    assert all(p["targets"] for p in panels)


def test_config_map_carries_the_sidecar_label_and_the_dashboard_json(
    target: AirflowTarget,
) -> None:
    config_map = dashboard_config_map(target, {"grafana_dashboard": "1"}, None)
    assert config_map["metadata"]["labels"] == {"grafana_dashboard": "1"}
    assert config_map["metadata"]["namespace"] == "airflow"
    (body,) = config_map["data"].values()
    assert json.loads(body) == dashboard(target)
    other = dashboard_config_map(target, {"dashboards": "airflow"}, "grafana")
    assert other["metadata"]["namespace"] == "grafana"
    assert other["metadata"]["labels"] == {"dashboards": "airflow"}


def test_without_pgbouncer_no_pgbouncer_panel() -> None:
    target = AirflowTarget(namespace="airflow", release_name="airflow", pgbouncer=False)
    assert not any("pgbouncer" in e for e in expressions(target))
