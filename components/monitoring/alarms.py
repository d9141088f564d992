"""CloudWatch alarms for the RDS instance and the EFS file system (pure data, no resources).

Each spec is the keyword arguments of `aws.cloudwatch.MetricAlarm` less the actions, which the
component adds (the SNS topic). The EFS file system is General Purpose with Elastic throughput:
it has no burst credits to run out of, so the alarms watch its I/O limit and how much of its
permitted throughput it uses.
"""

from __future__ import annotations

import json
from typing import Any

from components.settings.monitoring import AlertThresholds

GIB = 1024**3
MIB = 1024**2


def _alarm(
    name: str, description: str, metric: str, statistic: str, comparison: str, threshold: float
) -> dict[str, Any]:
    return {
        "name": name,
        "alarm_description": description,
        "metric_name": metric,
        "statistic": statistic,
        "comparison_operator": comparison,
        "threshold": threshold,
        "period": 300,
        "evaluation_periods": 3,
        "datapoints_to_alarm": 3,
        # No data from RDS means no instance to measure: the other signals say so.
        "treat_missing_data": "missing",
    }


def rds_alarms(prefix: str, db_instance_id: Any, t: AlertThresholds) -> list[dict[str, Any]]:
    specs = [
        _alarm(
            f"{prefix}-rds-cpu",
            f"RDS CPU above {t.rds_cpu_percent}% for 15 minutes",
            "CPUUtilization",
            "Average",
            "GreaterThanThreshold",
            t.rds_cpu_percent,
        ),
        _alarm(
            f"{prefix}-rds-free-storage",
            f"RDS free storage below {t.rds_free_storage_gb} GiB",
            "FreeStorageSpace",
            "Minimum",
            "LessThanThreshold",
            t.rds_free_storage_gb * GIB,
        ),
        _alarm(
            f"{prefix}-rds-connections",
            f"RDS connections above {t.rds_connections} for 15 minutes",
            "DatabaseConnections",
            "Maximum",
            "GreaterThanThreshold",
            t.rds_connections,
        ),
        _alarm(
            f"{prefix}-rds-freeable-memory",
            f"RDS freeable memory below {t.rds_freeable_memory_mb} MiB for 15 minutes",
            "FreeableMemory",
            "Minimum",
            "LessThanThreshold",
            t.rds_freeable_memory_mb * MIB,
        ),
    ]
    for spec in specs:
        spec.update(namespace="AWS/RDS", dimensions={"DBInstanceIdentifier": db_instance_id})
    return specs


def efs_alarms(prefix: str, file_system_id: Any, t: AlertThresholds) -> list[dict[str, Any]]:
    dimensions = {"FileSystemId": file_system_id}
    io_limit = _alarm(
        f"{prefix}-efs-io-limit",
        f"EFS above {t.efs_io_limit_percent}% of the General Purpose I/O limit for 15 minutes",
        "PercentIOLimit",
        "Maximum",
        "GreaterThanThreshold",
        t.efs_io_limit_percent,
    )
    # EFS reports nothing while idle: no data is healthy.
    io_limit.update(namespace="AWS/EFS", dimensions=dimensions, treat_missing_data="notBreaching")

    def metric(query_id: str, name: str, stat: str) -> dict[str, Any]:
        return {
            "id": query_id,
            "metric": {
                "namespace": "AWS/EFS",
                "metric_name": name,
                "dimensions": dimensions,
                "period": 60,
                "stat": stat,
            },
        }

    throughput = {
        "name": f"{prefix}-efs-throughput",
        "alarm_description": f"EFS throughput above {t.efs_throughput_percent}% of its "
        "permitted throughput for 15 minutes",
        "comparison_operator": "GreaterThanThreshold",
        "threshold": t.efs_throughput_percent,
        "evaluation_periods": 15,
        "datapoints_to_alarm": 15,
        "treat_missing_data": "notBreaching",
        "metric_queries": [
            metric("metered", "MeteredIOBytes", "Sum"),
            metric("permitted", "PermittedThroughput", "Average"),
            {
                "id": "utilization",
                "expression": "100 * (metered / PERIOD(metered)) / permitted",
                "label": "Throughput used, % of permitted",
                "return_data": True,
            },
        ],
    }
    return [io_limit, throughput]


def alarm_topic_policy(
    topic_arn: str, partition: str, region: str, account: str, prefix: str
) -> str:
    """Only this account's alarms named `<prefix>-*` may publish; nothing else is granted."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "CloudWatchAlarmsOfThisStack",
                    "Effect": "Allow",
                    "Principal": {"Service": "cloudwatch.amazonaws.com"},
                    "Action": "sns:Publish",
                    "Resource": topic_arn,
                    "Condition": {
                        "StringEquals": {"aws:SourceAccount": account},
                        "ArnLike": {
                            "aws:SourceArn": f"arn:{partition}:cloudwatch:{region}:{account}:alarm:{prefix}-*"
                        },
                    },
                }
            ],
        },
        sort_keys=True,
    )
