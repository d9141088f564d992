"""components/monitoring/alarms.py: RDS and EFS alarms use real CloudWatch metric names, units and
MetricAlarm arguments; the SNS topic policy lets only this stack's alarms publish."""

from __future__ import annotations

import inspect
import json
from typing import Any

import pulumi_aws as aws

from components.monitoring.alarms import alarm_topic_policy, efs_alarms, rds_alarms
from components.settings.monitoring import AlertThresholds

PREFIX = "airflow-platform-prod"


def parameters(cls: Any) -> set[str]:
    """The arguments a generated resource class (`cls`) accepts: each declares them on its own
    `_internal_init`, which no common base type has."""
    return set(inspect.signature(cls._internal_init).parameters) - {"self", "resource_name", "opts"}


def test_rds_alarms_watch_the_four_signals_in_cloudwatch_units(
    thresholds: AlertThresholds,
) -> None:
    alarms = {a["metric_name"]: a for a in rds_alarms(PREFIX, "airflow-platform-prod", thresholds)}
    assert set(alarms) == {
        "CPUUtilization",
        "FreeStorageSpace",
        "DatabaseConnections",
        "FreeableMemory",
    }
    assert alarms["CPUUtilization"]["threshold"] == 80
    assert alarms["FreeStorageSpace"]["threshold"] == 10 * 1024**3  # bytes
    assert alarms["FreeStorageSpace"]["comparison_operator"] == "LessThanThreshold"
    assert alarms["FreeableMemory"]["threshold"] == 256 * 1024**2  # bytes
    assert alarms["DatabaseConnections"]["comparison_operator"] == "GreaterThanThreshold"
    for alarm in alarms.values():
        assert alarm["namespace"] == "AWS/RDS"
        assert alarm["dimensions"] == {"DBInstanceIdentifier": "airflow-platform-prod"}
        assert alarm["name"].startswith(f"{PREFIX}-rds-")


def test_efs_alarms_fit_elastic_throughput(thresholds: AlertThresholds) -> None:
    io_limit, throughput = efs_alarms(PREFIX, "fs-0123", thresholds)
    assert io_limit["metric_name"] == "PercentIOLimit"
    assert io_limit["dimensions"] == {"FileSystemId": "fs-0123"}
    queries = {q["id"]: q for q in throughput["metric_queries"]}
    assert queries["metered"]["metric"]["metric_name"] == "MeteredIOBytes"
    assert queries["permitted"]["metric"]["metric_name"] == "PermittedThroughput"
    # Bytes in a period over the period's seconds: bytes/s, as PermittedThroughput is.
    assert queries["utilization"]["expression"] == "100 * (metered / PERIOD(metered)) / permitted"
    assert [q["id"] for q in throughput["metric_queries"] if q.get("return_data")] == [
        "utilization"
    ]
    assert not any("BurstCreditBalance" in json.dumps(a) for a in (io_limit, throughput))


def test_specs_are_metric_alarm_arguments(thresholds: AlertThresholds) -> None:
    alarm_args = parameters(aws.cloudwatch.MetricAlarm)
    query_args = set(inspect.signature(aws.cloudwatch.MetricAlarmMetricQueryArgs).parameters)
    metric_args = set(inspect.signature(aws.cloudwatch.MetricAlarmMetricQueryMetricArgs).parameters)
    specs = [*rds_alarms(PREFIX, "db", thresholds), *efs_alarms(PREFIX, "fs", thresholds)]
    for spec in specs:
        assert set(spec) <= alarm_args, set(spec) - alarm_args
        for query in spec.get("metric_queries", []):
            assert set(query) <= query_args
            assert set(query.get("metric", {})) <= metric_args
    assert {"alarm_description", "metric_queries", "treat_missing_data"} <= alarm_args
    assert {"expression", "return_data"} <= query_args and "stat" in metric_args


def test_topic_policy_grants_publish_to_this_stacks_alarms_only() -> None:
    topic = "arn:aws:sns:eu-west-1:123456789012:airflow-platform-prod-alarms"
    policy = json.loads(alarm_topic_policy(topic, "aws", "eu-west-1", "123456789012", PREFIX))
    (statement,) = policy["Statement"]
    assert statement == {
        "Sid": "CloudWatchAlarmsOfThisStack",
        "Effect": "Allow",
        "Principal": {"Service": "cloudwatch.amazonaws.com"},
        "Action": "sns:Publish",
        "Resource": topic,
        "Condition": {
            "StringEquals": {"aws:SourceAccount": "123456789012"},
            "ArnLike": {
                "aws:SourceArn": "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:airflow-platform-prod-*"
            },
        },
    }
