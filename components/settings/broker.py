"""The Celery broker: the chart's in-cluster Redis, or a managed Multi-AZ ElastiCache for Valkey."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from components.settings.types import (
    CacheNodeType,
    ConfigModel,
    DailyWindow,
    KmsKeyArn,
    WeeklyWindow,
    customer_kms_key,
)

MANAGED = "managed"
IN_CLUSTER = "in-cluster"


class BrokerSettings(ConfigModel):
    type: Literal["managed", "in-cluster"] = Field(
        description="'managed': an ElastiCache for Valkey replication group, Multi-AZ with "
        "automatic failover and TLS; 'in-cluster': the chart's single Redis pod, whose volume "
        "lives in the program's EFS StorageClass. Only used with the CeleryExecutor."
    )
    node_type: CacheNodeType = Field(
        description="ElastiCache node type (managed only), e.g. cache.t4g.small."
    )
    nodes: int = Field(
        default=2,
        ge=2,
        le=6,
        description="Nodes of the replication group: a primary and its replicas, spread over the "
        "private subnets' zones (managed only; at least 2 for automatic failover).",
    )
    snapshot_retention_days: int = Field(
        ge=0, le=35, description="Daily snapshots kept (managed only; 0 takes none)."
    )
    snapshot_window: DailyWindow = Field(
        default="01:00-02:00", description="Daily snapshot window, UTC, hh:mm-hh:mm."
    )
    maintenance_window: WeeklyWindow = Field(
        default="sun:04:30-sun:05:30",
        description="Weekly maintenance window, UTC, ddd:hh:mm-ddd:hh:mm.",
    )
    kms_key_arn: KmsKeyArn | None = customer_kms_key("encryption at rest", "an AWS key")
    protect: bool = Field(
        description="Pulumi protection of the replication group: a destroy or a replacement "
        "stops with an error instead of deleting it (managed only)."
    )

    @property
    def managed(self) -> bool:
        return self.type == MANAGED
