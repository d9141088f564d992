"""components/settings/database.py: the RDS instance's settings and their limits."""

from __future__ import annotations

from typing import Any

import pytest

from components.settings import parse_settings
from tests.settings.stacks import VALID_DEV, assert_rejected, with_changes

BAD = [
    ("wrong type", {"database.allocatedStorageGb": "lots"}, "allocatedStorageGb", "allowed: a whole number"),
    ("out of range", {"database.backupRetentionDays": 40}, "backupRetentionDays",
     "less than or equal to 35"),
    ("unknown major", {"database.engineVersion": "13"}, "engineVersion", "'16' or '17'"),
    ("malformed ARN", {"database.kmsKeyArn": "arn:aws:s3:::bucket"}, "kmsKeyArn",
     "the ARN of a KMS key, not an alias"),
    ("malformed class", {"database.instanceClass": "big"}, "instanceClass",
     "an RDS instance class db.<family>.<size>, e.g. db.t4g.micro"),
    ("malformed window", {"database.backupWindow": "2am"}, "backupWindow", "e.g. 02:00-03:00"),
    ("malformed maintenance", {"database.maintenanceWindow": "sunday"}, "maintenanceWindow",
     "e.g. sun:03:30-sun:04:30"),
    ("ceiling under allocation",
     {"database.allocatedStorageGb": 100, "database.maxAllocatedStorageGb": 50},
     "maxAllocatedStorageGb", "at least 10% above allocatedStorageGb (100)"),
    ("unknown log retention", {"database.logRetentionDays": 10}, "logRetentionDays",
     "one of 1, 3, 5, 7, 14"),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "leaf", "rule"), [pytest.param(*r[1:], id=r[0]) for r in BAD])
def test_bad_database_values_are_named(changes: dict[str, Any], leaf: str, rule: str) -> None:
    key = "airflow-platform:database" + (f".{leaf}" if leaf else "")
    assert_rejected(with_changes(VALID_DEV, **changes), key, rule)


def test_windows_and_engine_are_the_same_everywhere() -> None:
    db = parse_settings(VALID_DEV).database
    assert (db.engine_version, db.backup_window) == ("17", "02:00-03:00")
    assert db.maintenance_window == "sun:03:30-sun:04:30"
    assert db.kms_key_arn is None


def test_a_major_version_set_with_config_set_path_is_read_as_text() -> None:
    """`pulumi config set --path database.engineVersion 16` stores the number 16."""
    raw = with_changes(VALID_DEV, **{"database.engineVersion": 16})
    assert parse_settings(raw).database.engine_version == "16"
    assert_rejected(
        with_changes(VALID_DEV, **{"database.engineVersion": 13}),
        "airflow-platform:database.engineVersion",
        "'16' or '17'",
    )


def test_enhanced_monitoring_interval_is_one_rds_accepts() -> None:
    assert parse_settings(VALID_DEV).database.monitoring_interval_seconds == 0
    raw = with_changes(VALID_DEV, **{"database.monitoringIntervalSeconds": 30})
    assert parse_settings(raw).database.monitoring_interval_seconds == 30
    assert_rejected(
        with_changes(VALID_DEV, **{"database.monitoringIntervalSeconds": 20}),
        "airflow-platform:database.monitoringIntervalSeconds",
        "got 20; allowed: one of 0, 1, 5, 10, 15, 30, 60",
    )
