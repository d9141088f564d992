"""components/monitoring/component.py in the whole program: what prod's example stack (monitoring
on) and dev (operator off) register, wired to the real Airflow release, RDS instance and EFS."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import yaml

from tests.conftest import ProgramRun, cached_run, crd_schema_errors

CUSTOM = "kubernetes:monitoring.coreos.com/v1"
SCHEMAS = {
    "ServiceMonitor": "monitoring.coreos.com/servicemonitor_v1.json",
    "PrometheusRule": "monitoring.coreos.com/prometheusrule_v1.json",
}


def monitoring_children(run: ProgramRun) -> list:
    return [
        r
        for r in run.registrations
        if (c := run.component_of(r)) is not None
        and c.type == "airflow-platform:monitoring:Monitoring"
    ]


def test_prod_registers_operator_objects_that_match_their_crds(prod_run: ProgramRun) -> None:
    custom = [r for r in prod_run.registrations if r.type.startswith(CUSTOM)]
    kinds = sorted((r.inputs["kind"], r.inputs["metadata"]["name"]) for r in custom)
    assert kinds == [
        ("PrometheusRule", "airflow-alerts"),
        ("ServiceMonitor", "airflow-pgbouncer"),
        ("ServiceMonitor", "airflow-statsd"),
    ]
    for registration in custom:
        manifest = {k: registration.inputs[k] for k in ("apiVersion", "kind", "metadata", "spec")}
        assert crd_schema_errors(SCHEMAS[manifest["kind"]], manifest) == []
        assert manifest["metadata"]["labels"] == {"release": "kube-prometheus-stack"}
        assert manifest["metadata"]["namespace"] == "airflow"


def test_objects_wait_for_the_chart_and_belong_to_the_component(prod_run: ProgramRun) -> None:
    release = prod_run.one("kubernetes:helm.sh/v3:Release", "airflow-release")
    children = monitoring_children(prod_run)
    in_cluster = [r for r in children if r.type.startswith("kubernetes:")]
    assert len(in_cluster) == 6  # 2 ServiceMonitors, 1 PrometheusRule, 2 policies, 1 ConfigMap
    for registration in in_cluster:
        assert release.urn in registration.dependencies, registration.name


def test_prod_dashboard_config_map_has_the_sidecar_label(prod_run: ProgramRun) -> None:
    config_map = prod_run.one("kubernetes:core/v1:ConfigMap", "monitoring-dashboard")
    assert config_map.inputs["metadata"]["labels"] == {"grafana_dashboard": "1"}
    assert config_map.inputs["metadata"]["namespace"] == "monitoring"  # Grafana's, in the example
    dashboard = json.loads(config_map.inputs["data"]["airflow-platform.json"])
    assert any("pgbouncer" in t["expr"] for p in dashboard["panels"] for t in p["targets"])


def test_prod_alarms_watch_the_deployed_database_and_file_system(prod_run: ProgramRun) -> None:
    instance = prod_run.one("aws:rds/instance:Instance")
    file_system = prod_run.one("aws:efs/fileSystem:FileSystem")
    topic = prod_run.one("aws:sns/topic:Topic")
    topic_arn = prod_run.state(topic)["arn"]
    alarms = prod_run.by_type("aws:cloudwatch/metricAlarm:MetricAlarm")
    assert len(alarms) == 6
    for alarm in alarms:
        assert alarm.inputs["alarmActions"] == [topic_arn] == alarm.inputs["okActions"]
        dimensions = [alarm.inputs.get("dimensions")] + [
            q["metric"]["dimensions"]
            for q in alarm.inputs.get("metricQueries", [])
            if "metric" in q
        ]
        for dims in filter(None, dimensions):
            assert dims in (
                {"DBInstanceIdentifier": instance.inputs["identifier"]},
                {"FileSystemId": prod_run.state(file_system)["id"]},
            )
    email = prod_run.one("aws:sns/topicSubscription:TopicSubscription")
    assert (email.inputs["protocol"], email.inputs["endpoint"]) == (
        "email",
        "platform-team@example.com",
    )
    assert prod_run.outputs["alarmTopicArn"] == topic_arn


def test_dev_has_alarms_but_no_operator_objects(dev_run: ProgramRun) -> None:
    assert not [r for r in dev_run.registrations if r.type.startswith(CUSTOM)]
    assert not dev_run.by_type("kubernetes:networking.k8s.io/v1:NetworkPolicy")
    assert len(dev_run.by_type("aws:cloudwatch/metricAlarm:MetricAlarm")) == 6
    assert not dev_run.by_type("aws:sns/topicSubscription:TopicSubscription")


def test_alarms_off_registers_no_topic() -> None:
    run = cached_run("dev", {"airflow-platform:monitoring": {"cloudwatchAlarms": False}})
    assert not run.by_type("aws:sns/topic:Topic")
    assert not run.by_type("aws:cloudwatch/metricAlarm:MetricAlarm")
    assert "alarmTopicArn" not in run.outputs


def test_only_this_stacks_alarms_may_publish_to_the_topic(prod_run: ProgramRun) -> None:
    topic_arn = prod_run.state(prod_run.one("aws:sns/topic:Topic"))["arn"]
    policy = json.loads(prod_run.one("aws:sns/topicPolicy:TopicPolicy").inputs["policy"])
    (statement,) = policy["Statement"]
    assert statement["Principal"] == {"Service": "cloudwatch.amazonaws.com"}
    assert (statement["Action"], statement["Resource"]) == ("sns:Publish", topic_arn)
    assert statement["Condition"]["ArnLike"]["aws:SourceArn"] == (
        "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:airflow-platform-prod-*"
    )
    names = [a.inputs["name"] for a in prod_run.by_type("aws:cloudwatch/metricAlarm:MetricAlarm")]
    assert all(n.startswith("airflow-platform-prod-") for n in names)


def test_prods_rule_with_prod_thresholds_passes_promtool(
    prod_run: ProgramRun, promtool: str, tmp_path: Path
) -> None:
    rule = next(r for r in prod_run.registrations if r.inputs.get("kind") == "PrometheusRule")
    path = tmp_path / "prod-rules.yml"
    path.write_text(yaml.safe_dump(rule.inputs["spec"]))
    result = subprocess.run(
        [promtool, "check", "rules", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "for: 3m" in path.read_text()  # prod's scheduler heartbeat threshold
