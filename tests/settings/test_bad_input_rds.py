"""Class 5: what the RDS API would refuse after the rest exists (components/settings/rds_windows.py
and the storage ceiling in components/settings/database.py)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.settings.bad_input import assert_clear, one_error, section

CASES = [
    # (database keys, key named, value shown, rule)
    ({"backupWindow": "02:00-02:15"}, "backupWindow", "02:00-02:15", "at least 30 minutes"),
    ({"backupWindow": "23:50-00:10"}, "backupWindow", "23:50-00:10", "at least 30 minutes"),
    ({"maintenanceWindow": "sun:03:30-sun:03:45"}, "maintenanceWindow", "sun:03:30-sun:03:45",
     "at least 30 minutes"),
    ({"maintenanceWindow": "sat:23:50-sun:00:10"}, "maintenanceWindow", "sat:23:50-sun:00:10",
     "at least 30 minutes"),
    ({"backupWindow": "03:00-04:00"}, "backupWindow", "03:00-04:00",
     "does not overlap database.maintenanceWindow (sun:03:30-sun:04:30)"),
    ({"backupWindow": "23:30-00:30", "maintenanceWindow": "mon:00:00-mon:01:00"}, "backupWindow",
     "23:30-00:30", "does not overlap"),
    ({"backupWindow": "01:00-02:00", "maintenanceWindow": "sun:23:30-mon:01:30"}, "backupWindow",
     "01:00-02:00", "does not overlap"),
    ({"allocatedStorageGb": 20, "maxAllocatedStorageGb": 21}, "maxAllocatedStorageGb", 21,
     "at least 10% above allocatedStorageGb (20)"),
    ({"allocatedStorageGb": 100, "maxAllocatedStorageGb": 109}, "maxAllocatedStorageGb", 109,
     "at least 10% above allocatedStorageGb (100)"),
    ({"allocatedStorageGb": 100, "maxAllocatedStorageGb": 100}, "maxAllocatedStorageGb", 100,
     "as RDS requires"),
]  # fmt: skip


@pytest.mark.parametrize(("keys", "key", "value", "rule"), CASES, ids=[str(c[0]) for c in CASES])
def test_what_rds_would_refuse_is_one_clear_error(
    keys: dict[str, Any], key: str, value: Any, rule: str
) -> None:
    line = one_error("dev", section("database", **keys))
    assert_clear(line, f"database.{key}", value, rule)


@pytest.mark.parametrize(
    "keys",
    [
        {"backupWindow": "02:00-02:30"},
        {"backupWindow": "04:30-05:00"},  # touches the maintenance window's end, no overlap
        {"backupWindow": "03:00-04:00", "maintenanceWindow": "sun:04:00-sun:04:30"},
        {"allocatedStorageGb": 100, "maxAllocatedStorageGb": 110},
    ],
    ids=str,
)
def test_windows_and_ceilings_rds_accepts_pass(keys: dict[str, Any]) -> None:
    from components.settings import parse_settings
    from tests.settings.stacks import VALID_DEV, with_changes

    raw = with_changes(VALID_DEV, **{f"database.{k}": v for k, v in keys.items()})
    assert parse_settings(raw).database
