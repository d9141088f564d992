"""components/settings/cluster.py: subnets, one per zone, at least two zones."""

from __future__ import annotations

from typing import Any

import pytest

from components.settings import parse_settings
from tests.settings.stacks import VALID_DEV, assert_rejected, with_changes

A = {"id": "subnet-0123456789abcdef0", "availabilityZone": "eu-west-1a"}
B = {"id": "subnet-0123456789abcdef1", "availabilityZone": "eu-west-1b"}

BAD = [
    ("malformed id", [{**A, "id": "subnet-xyz"}, B], "cluster.privateSubnets[0].id", "8 or 17"),
    ("two in one zone", [A, {**B, "availabilityZone": "eu-west-1a"}], "cluster.privateSubnets",
     "one subnet per availability zone"),
    ("listed twice", [A, A], "cluster.privateSubnets", "listed twice"),
    ("a single zone", [A], "cluster.privateSubnets", "at least two subnets in two availability"),
    ("malformed zone", [{**A, "availabilityZone": "west"}, B],
     "cluster.privateSubnets[0].availabilityZone", "an availability zone name, e.g. eu-west-1a"),
]  # fmt: skip


@pytest.mark.parametrize(("subnets", "key", "rule"), [pytest.param(*r[1:], id=r[0]) for r in BAD])
def test_bad_subnets_are_named(subnets: list[dict[str, Any]], key: str, rule: str) -> None:
    raw = with_changes(VALID_DEV, **{"cluster.privateSubnets": subnets})
    assert_rejected(raw, f"airflow-platform:{key}", rule)


def test_bad_cluster_name_is_said_in_words() -> None:
    raw = with_changes(VALID_DEV, **{"cluster.name": "-bad"})
    assert_rejected(raw, "airflow-platform:cluster.name", "starting with a letter or digit")


def test_zones_in_subnet_order() -> None:
    zones = parse_settings(VALID_DEV).cluster.availability_zones
    assert zones == ["eu-west-1a", "eu-west-1b"]
