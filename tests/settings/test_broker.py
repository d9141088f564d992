"""components/settings/broker.py: which Celery broker, and the managed one's shape."""

from __future__ import annotations

from components.settings import parse_settings
from tests.settings.stacks import VALID_DEV, assert_rejected, prod, with_changes


def test_dev_keeps_the_in_cluster_redis_and_prod_manages_its_broker() -> None:
    dev = parse_settings(VALID_DEV).broker
    assert dev.type == "in-cluster" and not dev.managed and dev.protect is False
    production = parse_settings(prod()).broker
    assert production.managed and production.protect and production.nodes >= 2
    assert production.snapshot_retention_days >= 1


def test_an_unknown_broker_type_names_the_key_and_the_choices() -> None:
    raw = with_changes(VALID_DEV, **{"broker.type": "elasticache"})
    assert_rejected(raw, "airflow-platform:broker.type", "'managed' or 'in-cluster'")


def test_automatic_failover_needs_two_nodes() -> None:
    raw = with_changes(VALID_DEV, **{"broker.nodes": 1})
    assert_rejected(raw, "airflow-platform:broker.nodes", "2")


def test_a_node_type_is_an_elasticache_one() -> None:
    raw = with_changes(VALID_DEV, **{"broker.nodeType": "db.t4g.micro"})
    assert_rejected(raw, "airflow-platform:broker.nodeType", "cache.t4g.small")
