"""The Monitoring component: Prometheus Operator objects in the cluster, CloudWatch alarms in AWS.

It receives what it watches as explicit inputs (the Airflow release and its names, the RDS
instance identifier, the EFS file system id) and decisions from settings, never the environment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws
import pulumi_kubernetes as k8s

from components.monitoring.alarms import alarm_topic_policy, efs_alarms, rds_alarms
from components.monitoring.dashboard import dashboard_config_map
from components.monitoring.network import prometheus_ingress_policies
from components.monitoring.rules import prometheus_rule
from components.monitoring.scraping import service_monitors
from components.monitoring.target import AirflowTarget
from components.settings.monitoring import MonitoringSettings, PrometheusOperatorSettings


@dataclass(frozen=True)
class AwsAccount:
    partition: str
    region: str
    account_id: str


@dataclass(frozen=True)
class MonitoringArgs:
    settings: MonitoringSettings
    name_prefix: str
    target: AirflowTarget
    # The chart's release: its Services and pods exist before anything selects them.
    airflow_release: pulumi.Resource
    db_instance_id: pulumi.Input[str]
    file_system_id: pulumi.Input[str]
    account: AwsAccount


class Monitoring(pulumi.ComponentResource):
    alarm_topic_arn: pulumi.Output[str] | None

    def __init__(
        self, name: str, args: MonitoringArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("airflow-platform:monitoring:Monitoring", name, None, opts)
        operator = args.settings.prometheus_operator
        if operator is not None:
            self._prometheus_objects(name, args, operator)
        self.alarm_topic_arn = (
            self._cloudwatch_alarms(name, args) if args.settings.cloudwatch_alarms else None
        )
        self.register_outputs(
            {"alarmTopicArn": self.alarm_topic_arn} if self.alarm_topic_arn else {}
        )

    def _prometheus_objects(
        self, name: str, args: MonitoringArgs, operator: PrometheusOperatorSettings
    ) -> None:
        after_chart = pulumi.ResourceOptions(parent=self, depends_on=[args.airflow_release])
        target = args.target
        custom: list[dict[str, Any]] = [
            *service_monitors(target, operator.selector_labels),
            prometheus_rule(
                target,
                args.settings.thresholds,
                args.settings.runbook_url,
                operator.selector_labels,
            ),
        ]
        for manifest in custom:
            k8s.apiextensions.CustomResource(
                f"{name}-{manifest['kind'].lower()}-{manifest['metadata']['name']}",
                api_version=manifest["apiVersion"],
                kind=manifest["kind"],
                metadata=manifest["metadata"],
                spec=manifest["spec"],
                opts=after_chart,
            )
        for policy in prometheus_ingress_policies(target, operator.namespace, operator.pod_labels):
            k8s.networking.v1.NetworkPolicy(
                f"{name}-{policy['metadata']['name']}",
                metadata=policy["metadata"],
                spec=policy["spec"],
                opts=after_chart,
            )
        dashboard = dashboard_config_map(
            target, operator.dashboard_labels, operator.dashboard_namespace
        )
        k8s.core.v1.ConfigMap(
            f"{name}-dashboard",
            metadata=dashboard["metadata"],
            data=dashboard["data"],
            opts=after_chart,
        )

    def _cloudwatch_alarms(self, name: str, args: MonitoringArgs) -> pulumi.Output[str]:
        # No server-side encryption: CloudWatch cannot publish to a topic under the AWS-managed
        # SNS key, and alarm notifications carry no secrets.
        topic = aws.sns.Topic(
            f"{name}-alarms",
            name=f"{args.name_prefix}-alarms",
            opts=pulumi.ResourceOptions(parent=self),
        )
        account = args.account
        aws.sns.TopicPolicy(
            f"{name}-alarms-policy",
            arn=topic.arn,
            policy=topic.arn.apply(
                lambda arn: alarm_topic_policy(
                    arn, account.partition, account.region, account.account_id, args.name_prefix
                )
            ),
            opts=pulumi.ResourceOptions(parent=self),
        )
        if args.settings.alarm_email:
            aws.sns.TopicSubscription(
                f"{name}-alarms-email",
                topic=topic.arn,
                protocol="email",
                endpoint=args.settings.alarm_email,
                opts=pulumi.ResourceOptions(parent=self),
            )
        thresholds = args.settings.thresholds
        specs = [
            *rds_alarms(args.name_prefix, args.db_instance_id, thresholds),
            *efs_alarms(args.name_prefix, args.file_system_id, thresholds),
        ]
        for spec in specs:
            aws.cloudwatch.MetricAlarm(
                f"{name}-{spec['name'].removeprefix(args.name_prefix + '-')}",
                alarm_actions=[topic.arn],
                ok_actions=[topic.arn],
                **spec,
                opts=pulumi.ResourceOptions(parent=self),
            )
        return topic.arn
