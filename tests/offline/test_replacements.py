"""offline/replacements.py: which changed inputs make Pulumi replace a resource."""

from __future__ import annotations

import pytest

from offline.replacements import FORCE_NEW, UnknownResourceTypeError, replaced_by
from tests.conftest import cached_run


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


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_every_type_the_program_registers_has_an_entry(stack: str) -> None:
    types = {r.type for r in cached_run(stack).registrations}
    assert types - set(FORCE_NEW) == set(), "read the provider's schema and add them"


def test_conditional_types_have_an_entry_too() -> None:
    # Registered only with some settings (a restore's snapshot, the DNS record).
    assert {"aws:rds/snapshot:Snapshot", "aws:route53/record:Record"} <= set(FORCE_NEW)


def test_an_unknown_type_is_reported_not_guessed() -> None:
    with pytest.raises(UnknownResourceTypeError, match="aws:dynamodb/table:Table has no entry"):
        replaced_by("aws:dynamodb/table:Table", ["name"])


def test_encryption_of_the_database_and_the_file_system_replaces() -> None:
    assert replaced_by("aws:rds/instance:Instance", ["kmsKeyId", "storageEncrypted"]) == [
        "kmsKeyId",
        "storageEncrypted",
    ]
    assert replaced_by("aws:efs/fileSystem:FileSystem", ["encrypted", "throughputMode"]) == [
        "encrypted"
    ]


def test_kubernetes_kinds_follow_the_provider_table() -> None:
    assert replaced_by("kubernetes:core/v1:ConfigMap", ["data.a", "metadata.labels.x"]) == [
        "data.a"
    ]
    assert replaced_by("kubernetes:core/v1:Secret", ["type", "stringData.k"]) == ["type"]
    assert replaced_by("kubernetes:helm.sh/v3:Release", ["namespace", "version"]) == ["namespace"]
