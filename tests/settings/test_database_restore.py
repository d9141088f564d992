"""components/settings/database_restore.py: one source of restored data, named clearly."""

from __future__ import annotations

from typing import Any

import pytest

from components.settings import parse_settings
from tests.settings.stacks import VALID_DEV, assert_rejected, with_changes

PIT = {"sourceDbInstanceIdentifier": "airflow-platform-prod", "useLatestRestorableTime": True}
KEY = "airflow-platform:database.restore"

BAD = [
    ("no source", {"database.restore": {}}, ".snapshotIdentifier", "exactly one of snapshotIdentifier"),
    ("two sources", {"database.restore": {"snapshotIdentifier": "s1", "pointInTime": PIT}},
     ".snapshotIdentifier", "exactly one of snapshotIdentifier"),
    ("no moment", {"database.restore": {"pointInTime": {"sourceDbInstanceIdentifier": "a"}}},
     ".pointInTime.restoreTime", "exactly one of restoreTime"),
    ("two moments", {"database.restore": {"pointInTime": {**PIT, "restoreTime": "2026-11-30T21:15:00Z"}}},
     ".pointInTime.restoreTime", "exactly one of restoreTime"),
    ("local time", {"database.restore": {"pointInTime": {"sourceDbInstanceIdentifier": "a",
                                                         "restoreTime": "2026-11-30 21:15"}}},
     ".pointInTime.restoreTime", "e.g. 2026-11-30T21:15:00Z"),
    ("double hyphen", {"database.restore": {"snapshotIdentifier": "a--b"}}, ".snapshotIdentifier",
     "an RDS snapshot identifier"),
    ("bad source", {"database.restore": {"pointInTime": {**PIT, "sourceDbInstanceIdentifier": "1db"}}},
     ".pointInTime.sourceDbInstanceIdentifier", "an RDS identifier"),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "leaf", "rule"), [pytest.param(*r[1:], id=r[0]) for r in BAD])
def test_bad_restore_settings_are_named(changes: dict[str, Any], leaf: str, rule: str) -> None:
    assert_rejected(with_changes(VALID_DEV, **changes), KEY + leaf, rule)


def test_sources_name_their_data() -> None:
    snapshot = with_changes(VALID_DEV, **{"database.restore": {"snapshotIdentifier": "s-1"}})
    assert parse_settings(snapshot).database.restore.source == "snapshot:s-1"  # type: ignore[union-attr]
    pit = with_changes(VALID_DEV, **{"database.restore": {"pointInTime": PIT}})
    restore = parse_settings(pit).database.restore
    assert restore is not None and restore.source == "pit:airflow-platform-prod@latest"
    assert parse_settings(VALID_DEV).database.restore is None
