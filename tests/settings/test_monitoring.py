"""components/settings/monitoring.py: off by default, thresholds per environment, bad labels and
URLs rejected with the full key."""

from __future__ import annotations

from components.settings import parse_settings
from tests.settings.stacks import VALID_DEV, assert_rejected, prod, with_changes

OPERATOR = {"namespace": "monitoring", "selectorLabels": {"release": "kube-prometheus-stack"}}


def test_operator_off_by_default_alarms_on() -> None:
    for raw in (VALID_DEV, prod()):
        monitoring = parse_settings(raw).monitoring
        assert monitoring.prometheus_operator is None
        assert monitoring.cloudwatch_alarms is True


def test_thresholds_differ_by_environment() -> None:
    dev = parse_settings(VALID_DEV).monitoring.thresholds
    production = parse_settings(prod()).monitoring.thresholds
    assert production.scheduler_heartbeat_minutes < dev.scheduler_heartbeat_minutes
    assert production.rds_connections > dev.rds_connections
    tuned = parse_settings(with_changes(VALID_DEV, **{"monitoring.thresholds.rdsCpuPercent": 70}))
    assert tuned.monitoring.thresholds.rds_cpu_percent == 70
    assert tuned.monitoring.thresholds.rds_connections == dev.rds_connections


def test_operator_settings_and_their_defaults() -> None:
    operator = parse_settings(
        with_changes(VALID_DEV, **{"monitoring.prometheusOperator": OPERATOR})
    ).monitoring.prometheus_operator
    assert operator is not None
    assert operator.namespace == "monitoring"
    assert operator.pod_labels == {"app.kubernetes.io/name": "prometheus"}
    assert operator.dashboard_labels == {"grafana_dashboard": "1"}


def test_operator_needs_the_prometheus_namespace() -> None:
    raw = with_changes(VALID_DEV, **{"monitoring.prometheusOperator": {"selectorLabels": {}}})
    assert_rejected(raw, "airflow-platform:monitoring.prometheusOperator.namespace", "required")


def test_bad_label_and_url_are_rejected_in_words() -> None:
    raw = with_changes(
        VALID_DEV,
        **{
            "monitoring.prometheusOperator": {
                **OPERATOR,
                "selectorLabels": {"release": "kube prom"},
            }
        },
    )
    assert_rejected(
        raw, "airflow-platform:monitoring.prometheusOperator.selectorLabels.release", "label value"
    )
    raw = with_changes(VALID_DEV, **{"monitoring.runbookUrl": "http://wiki/runbooks"})
    assert_rejected(raw, "airflow-platform:monitoring.runbookUrl", "https:// URL")


def test_ratio_out_of_range_is_rejected() -> None:
    raw = with_changes(VALID_DEV, **{"monitoring.thresholds.taskFailureRatio": 20})
    assert_rejected(raw, "airflow-platform:monitoring.thresholds.taskFailureRatio", "20")


def test_free_storage_alarm_must_be_below_the_allocation() -> None:
    raw = with_changes(VALID_DEV, **{"monitoring.thresholds.rdsFreeStorageGb": 20})
    assert_rejected(
        raw,
        "airflow-platform:monitoring.thresholds.rdsFreeStorageGb",
        "got 20; allowed: less than database.allocatedStorageGb (20), e.g. 2",
    )
    alarms_off = with_changes(raw, **{"monitoring.cloudwatchAlarms": False})
    assert parse_settings(alarms_off).monitoring.thresholds.rds_free_storage_gb == 20
