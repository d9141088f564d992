"""offline/replacements.py: which changed inputs make Pulumi replace a resource."""

from __future__ import annotations

from offline.replacements import replaced_by


def test_database_identity_replaces_and_tuning_updates() -> None:
    rds = "aws:rds/instance:Instance"
    assert replaced_by(rds, ["instanceClass", "tags.Name"]) == []
    assert replaced_by(rds, ["identifier", "restoreToPointInTime.restoreTime"]) == [
        "identifier",
        "restoreToPointInTime.restoreTime",
    ]


def test_random_values_are_replaced_by_any_change_of_their_inputs() -> None:
    assert replaced_by("random:index/randomBytes:RandomBytes", ["keepers.rotation"]) == [
        "keepers.rotation"
    ]


def test_kubernetes_objects_are_replaced_when_renamed_but_releases_upgrade() -> None:
    assert replaced_by("kubernetes:core/v1:Secret", ["metadata.name", "stringData"]) == [
        "metadata.name"
    ]
    assert replaced_by("kubernetes:helm.sh/v3:Release", ["metadata.name"]) == []
