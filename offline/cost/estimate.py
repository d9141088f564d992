"""Price the resources of an offline plan (records of tools/plan.py) with the price table.

Only what has a fixed monthly price is summed: instance hours, provisioned storage, alarms. What is
billed by use (EFS and S3 storage, ECR images, log ingestion, requests) is listed with its rate and
left out of the total, and so are the cluster's nodes, which the program does not create.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from offline.cost.table import PriceTable, price_table

Record = dict[str, Any]


@dataclass(frozen=True)
class CostLine:
    name: str
    type: str
    monthly: float
    detail: str


@dataclass
class Estimate:
    region: str
    table_date: str = ""
    table_provenance: str = ""
    currency: str = "USD"
    lines: list[CostLine] = field(default_factory=list)
    usage_based: list[str] = field(default_factory=list)
    unpriced: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return round(sum(line.monthly for line in self.lines), 2)

    @property
    def complete(self) -> bool:
        return not self.unpriced


def _hourly_rate(
    record: Record, table: PriceTable, estimate: Estimate, family: str, size: str
) -> float | None:
    """The size's hourly rate; where the table has none, the record is reported as unpriced."""
    hourly = table.hourly(family, size)
    if hourly is None:
        estimate.unpriced.append(f"{record['name']}: no {table.region} price for {size}")
    return hourly


def _rds_instance(record: Record, table: PriceTable, estimate: Estimate) -> None:
    inputs = record["inputs"]
    size = inputs.get("instanceClass", "")
    hourly = _hourly_rate(record, table, estimate, "rdsPostgresInstanceHourly", size)
    if hourly is None:
        return
    copies = 2 if inputs.get("multiAz") else 1  # a Multi-AZ standby is billed like the primary
    storage_gb = int(inputs.get("allocatedStorage") or 0)
    compute = hourly * table.hours_per_month * copies
    storage = storage_gb * table.rate("rdsGp3StorageGbMonth") * copies
    where = "Multi-AZ, " if copies == 2 else ""
    estimate.lines.append(
        CostLine(
            record["name"],
            record["type"],
            round(compute + storage, 2),
            f"{size} {where}{hourly}/h x {table.hours_per_month} h x {copies}"
            f" + {storage_gb} GB gp3 x {table.rate('rdsGp3StorageGbMonth')}/GB x {copies}",
        )
    )
    if inputs.get("maxAllocatedStorage"):
        estimate.usage_based.append(
            f"{record['name']}: storage autoscaling up to {inputs['maxAllocatedStorage']} GB"
            f" at {table.rate('rdsGp3StorageGbMonth')}/GB-month per copy"
        )


def _cache_nodes(inputs: Record) -> int:
    if inputs.get("numCacheClusters"):
        return int(inputs["numCacheClusters"])
    groups = int(inputs.get("numNodeGroups") or 1)
    return groups * (int(inputs.get("replicasPerNodeGroup") or 0) + 1)


def _replication_group(record: Record, table: PriceTable, estimate: Estimate) -> None:
    inputs = record["inputs"]
    size = inputs.get("nodeType", "")
    hourly = _hourly_rate(record, table, estimate, "elasticacheNodeHourly", size)
    if hourly is None:
        return
    if str(inputs.get("engine", "")).lower() == "valkey":
        hourly = round(hourly * (1 - table.rate("elasticacheValkeyDiscount")), 4)
    nodes = _cache_nodes(inputs)
    estimate.lines.append(
        CostLine(
            record["name"],
            record["type"],
            round(hourly * table.hours_per_month * nodes, 2),
            f"{nodes} x {size} ({inputs.get('engine', 'redis')}) {hourly}/h x {table.hours_per_month} h",
        )
    )


def _alarm(record: Record, table: PriceTable, estimate: Estimate) -> None:
    rate = table.rate("cloudwatchAlarmMonth")
    estimate.lines.append(CostLine(record["name"], record["type"], rate, f"{rate}/alarm-month"))


def _usage(rate_name: str, what: str) -> Callable[[Record, PriceTable, Estimate], None]:
    def note(record: Record, table: PriceTable, estimate: Estimate) -> None:
        estimate.usage_based.append(f"{record['name']}: {what} at {table.rate(rate_name)}/GB-month")

    return note


PRICERS: dict[str, Callable[[Record, PriceTable, Estimate], None]] = {
    "aws:rds/instance:Instance": _rds_instance,
    "aws:elasticache/replicationGroup:ReplicationGroup": _replication_group,
    "aws:cloudwatch/metricAlarm:MetricAlarm": _alarm,
    "aws:efs/fileSystem:FileSystem": _usage("efsStandardGbMonth", "stored files (Standard class)"),
    "aws:ecr/repository:Repository": _usage("ecrStorageGbMonth", "stored images"),
    "aws:s3/bucketV2:BucketV2": _usage("s3StandardGbMonth", "stored objects (Standard class)"),
    "aws:s3/bucket:Bucket": _usage("s3StandardGbMonth", "stored objects (Standard class)"),
}


def stack_region(records: Iterable[Record]) -> str:
    for record in records:
        if record["type"] == "pulumi:providers:aws":
            return str(record["inputs"].get("region", ""))
    return ""


def estimate_cost(records: list[Record]) -> Estimate:
    """The monthly estimate of `records`; a region the table lacks gives an empty, unpriced one."""
    region = stack_region(records)
    table = price_table(region)
    if table is None:
        return Estimate(region=region, unpriced=[f"no price table for region {region!r}"])
    estimate = Estimate(
        region=region,
        table_date=table.date,
        table_provenance=table.provenance,
        currency=table.currency,
    )
    for record in sorted(records, key=lambda r: r["urn"]):
        pricer = PRICERS.get(record["type"])
        if pricer is not None:
            pricer(record, table, estimate)
    return estimate
