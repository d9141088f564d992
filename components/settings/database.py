"""The RDS PostgreSQL instance holding Airflow's metadata."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictBool, field_validator, model_validator

from components.settings.database_restore import RestoreSettings
from components.settings.errors import cross_field
from components.settings.rds_windows import window_problem
from components.settings.types import (
    CLOUDWATCH_RETENTION_DAYS,
    RDS_MONITORING_INTERVALS,
    ConfigModel,
    DailyWindow,
    DbInstanceClass,
    KmsKeyArn,
    WeeklyWindow,
    customer_kms_key,
    one_of,
)


class DatabaseSettings(ConfigModel):
    engine_version: Literal["16", "17"] = Field(
        default="17",
        description="PostgreSQL major version; minor versions are upgraded automatically.",
    )
    instance_class: DbInstanceClass = Field(description="RDS instance class, e.g. db.t4g.micro.")
    allocated_storage_gb: int = Field(ge=20, le=65536, description="Initial gp3 storage (GiB).")
    max_allocated_storage_gb: int = Field(
        ge=21, le=65536, description="Storage autoscaling ceiling (GiB)."
    )
    multi_az: StrictBool = Field(description="Synchronous standby in a second zone.")
    backup_retention_days: int = Field(ge=1, le=35, description="Automated backup retention.")
    backup_window: DailyWindow = Field(
        default="02:00-03:00", description="Daily backup window, UTC, hh:mm-hh:mm."
    )
    maintenance_window: WeeklyWindow = Field(
        default="sun:03:30-sun:04:30",
        description="Weekly maintenance window, UTC, ddd:hh:mm-ddd:hh:mm.",
    )
    performance_insights: StrictBool = Field(
        description="Performance Insights on the instance (encrypted with kmsKeyArn when set)."
    )
    monitoring_interval_seconds: int = Field(
        description="Enhanced Monitoring: seconds between the OS metrics RDS sends to CloudWatch "
        f"Logs, 0 for off; one of {RDS_MONITORING_INTERVALS}."
    )
    log_retention_days: int = Field(
        description="CloudWatch retention of the exported PostgreSQL logs (RDS would keep them "
        f"forever); one of {CLOUDWATCH_RETENTION_DAYS}."
    )
    kms_key_arn: KmsKeyArn | None = customer_kms_key(
        "storage and Performance Insights encryption", "AWS keys"
    )
    protect: StrictBool = Field(
        description="Pulumi protection of the instance and its master password: a destroy or a "
        "replacement stops with an error instead of deleting them."
    )
    deletion_protection: StrictBool = Field(
        description="RDS deletion protection: the AWS API refuses to delete the instance."
    )
    final_snapshot: StrictBool = Field(
        description="Take the snapshot <identifier>-final when the instance is deleted."
    )
    delete_automated_backups: StrictBool = Field(
        description="Delete the automated backups with the instance (otherwise kept until their "
        "retention ends)."
    )
    apply_immediately: StrictBool = Field(
        description="Apply modifications at once; false waits for the maintenance window."
    )
    blue_green_update: StrictBool = Field(
        description="Apply engine upgrades and other replacing changes through an RDS blue/green "
        "deployment (a synchronized copy, then a switchover of about a minute)."
    )
    restore: RestoreSettings | None = Field(
        default=None,
        description="Create the database from a snapshot or a point in time (a new instance "
        "replacing the current one); keep it set while the restored instance lives.",
    )

    @field_validator("engine_version", mode="before")
    @classmethod
    def _major_as_text(cls, major: object) -> object:
        # `pulumi config set --path database.engineVersion 17` stores a number; YAML reads
        # `17.0` as a float. A minor version is RDS's to choose (automatic minor upgrades).
        if isinstance(major, float) and major.is_integer():
            major = int(major)
        if isinstance(major, int) and not isinstance(major, bool):
            return str(major)
        if isinstance(major, float | str) and "." in str(major):
            raise ValueError(
                "allowed: a major version only, '16' or '17', e.g. '17' (RDS upgrades minor "
                "versions automatically)"
            )
        return major

    @field_validator("log_retention_days")
    @classmethod
    def _known_retention(cls, days: int) -> int:
        return one_of(days, CLOUDWATCH_RETENTION_DAYS)

    @field_validator("monitoring_interval_seconds")
    @classmethod
    def _known_interval(cls, seconds: int) -> int:
        return one_of(seconds, RDS_MONITORING_INTERVALS)

    @model_validator(mode="after")
    def _ceiling_above_allocation(self) -> DatabaseSettings:
        # The RDS API refuses a storage autoscaling ceiling less than 10% above the allocation.
        lowest = -(-self.allocated_storage_gb * 11 // 10)  # 110% rounded up, in integers
        if self.max_allocated_storage_gb < lowest:
            raise cross_field(
                "maxAllocatedStorageGb",
                f"allowed: at least 10% above allocatedStorageGb ({self.allocated_storage_gb}), "
                f"as RDS requires, e.g. {max(lowest, 2 * self.allocated_storage_gb)}",
            )
        return self

    @model_validator(mode="after")
    def _rds_windows(self) -> DatabaseSettings:
        problem = window_problem(self.backup_window, self.maintenance_window)
        if problem is not None:
            raise cross_field(*problem)
        return self
