"""components/settings/task_logs.py: log retention and the S3 log bucket's settings."""

from __future__ import annotations

import pytest

from components.settings import parse_settings
from tests.settings.stacks import VALID_DEV, assert_rejected, prod, with_changes


def test_defaults_follow_the_environment() -> None:
    dev, production = parse_settings(VALID_DEV).airflow.logs, parse_settings(prod()).airflow.logs
    assert (dev.retention_days, dev.s3.enabled, dev.s3.protect) == (7, False, False)
    assert (production.retention_days, production.s3.enabled, production.s3.protect) == (
        30,
        True,
        True,
    )
    assert production.s3.prefix == "task-logs" and production.s3.kms_key_arn is None


@pytest.mark.parametrize("days", [0, 3651, "a week"])
def test_retention_is_a_bounded_number_of_days(days: object) -> None:
    raw = with_changes(VALID_DEV, **{"airflow.logs.retentionDays": days})
    rule = "1 to 3650" if isinstance(days, int) else "a whole number"
    assert_rejected(raw, "airflow-platform:airflow.logs.retentionDays", rule)


@pytest.mark.parametrize("prefix", ["/logs", "logs/", "Logs", "a//b", ""])
def test_prefix_is_a_plain_key_prefix(prefix: str) -> None:
    raw = with_changes(VALID_DEV, **{"airflow.logs.s3.prefix": prefix})
    assert_rejected(raw, "airflow-platform:airflow.logs.s3.prefix", "separated by '/'")


def test_bucket_name_follows_s3s_rule() -> None:
    raw = with_changes(VALID_DEV, **{"airflow.logs.s3.bucketName": "Logs_Bucket"})
    assert_rejected(raw, "airflow-platform:airflow.logs.s3.bucketName", "3 to 63 lowercase")


def test_an_alias_cannot_be_the_log_key() -> None:
    alias = "arn:aws:kms:eu-west-1:123456789012:alias/logs"
    raw = with_changes(VALID_DEV, **{"airflow.logs.s3.kmsKeyArn": alias})
    assert_rejected(raw, "airflow-platform:airflow.logs.s3.kmsKeyArn", "not an alias")


def test_the_log_key_is_in_the_stacks_region() -> None:
    key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab"
    raw = with_changes(VALID_DEV, **{"airflow.logs.s3.kmsKeyArn": key})
    assert_rejected(raw, "airflow-platform:airflow.logs.s3.kmsKeyArn", "in region eu-west-1")
