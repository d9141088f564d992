"""Monitoring: the Prometheus Operator objects, CloudWatch alarms and their thresholds."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictBool, StringConstraints

from components.settings.types import ConfigModel, DnsLabel, EmailAddress, Pattern

LABEL_KEY = Pattern(
    r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*/)?"
    r"[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$",
    "a Kubernetes label key: an optional DNS prefix and '/', then up to 63 letters, digits, "
    "'-', '_' or '.'",
    "app.kubernetes.io/name",
)
LABEL_VALUE = Pattern(
    r"^([A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?)?$",
    "a Kubernetes label value: up to 63 letters, digits, '-', '_' or '.'",
    "kube-prometheus-stack",
)
HTTPS_URL = Pattern(
    r"^https://[^\s#]+$", "an https:// URL without a #fragment", "https://example.com/runbooks.md"
)

LabelKey = Annotated[str, StringConstraints(pattern=LABEL_KEY.regex)]
LabelValue = Annotated[str, StringConstraints(pattern=LABEL_VALUE.regex)]
Labels = dict[LabelKey, LabelValue]
HttpsUrl = Annotated[str, StringConstraints(pattern=HTTPS_URL.regex)]


class PrometheusOperatorSettings(ConfigModel):
    namespace: DnsLabel = Field(
        description="Namespace Prometheus runs in: the only namespace the metrics ports open to."
    )
    pod_labels: Labels = Field(
        default_factory=lambda: {"app.kubernetes.io/name": "prometheus"},
        description="Labels of the Prometheus server pods; only they may reach the metrics ports.",
    )
    selector_labels: Labels = Field(
        default_factory=dict,
        description="Labels Prometheus' serviceMonitorSelector and ruleSelector require, e.g. "
        "{release: kube-prometheus-stack}.",
    )
    dashboard_labels: Labels = Field(
        default_factory=lambda: {"grafana_dashboard": "1"},
        description="Labels Grafana's dashboard sidecar watches for.",
    )
    dashboard_namespace: DnsLabel | None = Field(
        default=None,
        description="Namespace of the dashboard ConfigMap; unset: the Airflow namespace (set "
        "Grafana's namespace when its sidecar searches only there).",
    )


class AlertThresholds(ConfigModel):
    scheduler_heartbeat_minutes: int = Field(
        ge=1, le=60, description="Minutes without a scheduler heartbeat before paging."
    )
    dag_processor_heartbeat_minutes: int = Field(
        ge=1, le=60, description="Minutes without a DAG processor heartbeat before paging."
    )
    dag_import_errors: int = Field(
        default=0, ge=0, description="DAG files failing to import tolerated before alerting."
    )
    dag_parse_seconds: int = Field(
        ge=1, description="Seconds one pass over all DAG files may take (total parse time)."
    )
    task_failure_ratio: float = Field(
        gt=0, le=1, description="Share of finished tasks failing over 30 minutes."
    )
    dag_run_seconds: int = Field(ge=60, description="Slowest DAG run duration (p99) tolerated.")
    pending_pod_minutes: int = Field(ge=1, le=240, description="Minutes a pod may stay Pending.")
    memory_limit_ratio: float = Field(
        gt=0, le=1, description="Working set over memory limit before warning of an OOM kill."
    )
    cpu_request_ratio: float = Field(
        ge=1, description="CPU use over CPU request sustained for 30 minutes."
    )
    pgbouncer_waiting_clients: int = Field(
        ge=0, description="Clients waiting for a server connection in one PgBouncer pool."
    )
    rds_cpu_percent: int = Field(ge=1, le=100, description="RDS CPUUtilization (%).")
    rds_free_storage_gb: int = Field(ge=1, description="RDS FreeStorageSpace floor (GiB).")
    rds_connections: int = Field(ge=1, description="RDS DatabaseConnections ceiling.")
    rds_freeable_memory_mb: int = Field(ge=1, description="RDS FreeableMemory floor (MiB).")
    efs_io_limit_percent: int = Field(
        ge=1, le=100, description="EFS PercentIOLimit (General Purpose mode's I/O limit)."
    )
    efs_throughput_percent: int = Field(
        ge=1, le=100, description="EFS throughput used, as % of PermittedThroughput."
    )


class MonitoringSettings(ConfigModel):
    prometheus_operator: PrometheusOperatorSettings | None = Field(
        default=None,
        description="Scrape targets, alert rules and a dashboard for the Prometheus Operator; "
        "unset: off.",
    )
    cloudwatch_alarms: StrictBool = Field(
        default=True, description="CloudWatch alarms for RDS and EFS to an SNS topic."
    )
    alarm_email: EmailAddress | None = Field(
        default=None, description="E-mail subscribed to the alarm topic (AWS asks to confirm)."
    )
    runbook_url: HttpsUrl = Field(
        default="https://github.com/example-org/airflow-platform/blob/main/docs/runbooks.md",
        description="Where docs/runbooks.md is published; alerts link to its sections.",
    )
    thresholds: AlertThresholds
