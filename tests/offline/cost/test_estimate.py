from typing import Any

import pytest

from offline.cost.estimate import estimate_cost
from offline.cost.table import price_table
from tests.offline.cost.conftest import plan_records

Records = list[dict[str, Any]]


def test_prod_prices_its_multi_az_database_and_every_alarm(prod_records: Records) -> None:
    estimate = estimate_cost(prod_records)
    table = price_table("eu-west-1")
    assert table is not None and estimate.complete
    database = next(line for line in estimate.lines if line.type == "aws:rds/instance:Instance")
    hourly = table.hourly("rdsPostgresInstanceHourly", "db.m7g.large")
    assert hourly is not None
    # primary and standby: twice the instance hours and twice the 100 GB of gp3
    expected = 2 * (hourly * 730 + 100 * table.rate("rdsGp3StorageGbMonth"))
    assert database.monthly == pytest.approx(expected, abs=0.01)
    alarms = [line for line in estimate.lines if line.type.endswith("metricAlarm:MetricAlarm")]
    alarm_count = sum(1 for r in prod_records if r["type"].endswith("metricAlarm:MetricAlarm"))
    assert len(alarms) == alarm_count > 0
    broker = next(line for line in estimate.lines if "replicationGroup" in line.type)
    assert broker.monthly > 0
    total = database.monthly + broker.monthly + 0.10 * alarm_count
    assert estimate.total == pytest.approx(total, abs=0.01)


def test_usage_billed_storage_is_listed_but_not_summed(prod_records: Records) -> None:
    estimate = estimate_cost(prod_records)
    notes = "\n".join(estimate.usage_based)
    assert "stored files" in notes and "stored images" in notes
    assert all("FileSystem" not in line.type for line in estimate.lines)


def test_the_estimate_moves_by_the_tables_difference_when_the_class_changes(
    dev_records: Records,
) -> None:
    bigger = plan_records("dev", {"airflow-platform:database": {"instanceClass": "db.t4g.medium"}})
    table = price_table("eu-west-1")
    assert table is not None
    micro = table.hourly("rdsPostgresInstanceHourly", "db.t4g.micro")
    medium = table.hourly("rdsPostgresInstanceHourly", "db.t4g.medium")
    assert micro is not None and medium is not None
    delta = estimate_cost(bigger).total - estimate_cost(dev_records).total
    assert delta == pytest.approx((medium - micro) * 730, abs=0.01)  # dev is single-AZ


def test_a_class_missing_from_the_table_is_reported_not_guessed() -> None:
    records = plan_records("dev", {"airflow-platform:database": {"instanceClass": "db.r6i.large"}})
    estimate = estimate_cost(records)
    assert not estimate.complete
    assert any("db.r6i.large" in note for note in estimate.unpriced)


def test_a_region_without_prices_gives_no_total() -> None:
    records = [
        {
            "urn": "u",
            "type": "pulumi:providers:aws",
            "name": "aws",
            "inputs": {"region": "cn-north-1"},
        }
    ]
    estimate = estimate_cost(records)
    assert not estimate.complete and estimate.lines == []


def test_a_valkey_replication_group_counts_every_node_at_the_valkey_rate() -> None:
    records = [
        {
            "urn": "a",
            "type": "pulumi:providers:aws",
            "name": "aws",
            "inputs": {"region": "us-east-1"},
        },
        {
            "urn": "b",
            "type": "aws:elasticache/replicationGroup:ReplicationGroup",
            "name": "broker",
            "inputs": {"nodeType": "cache.t4g.small", "engine": "valkey", "numCacheClusters": 2},
        },
    ]
    (line,) = estimate_cost(records).lines
    assert line.monthly == pytest.approx(2 * 0.032 * 0.8 * 730, abs=0.01)
