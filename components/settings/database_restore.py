"""Where a restored metadata database comes from: an RDS snapshot, or a point in time of an
instance (this one or another) within its backup retention."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictBool, StringConstraints, model_validator

from components.settings.errors import cross_field
from components.settings.types import ConfigModel, Pattern

DB_IDENTIFIER = Pattern(
    r"^[a-zA-Z]([a-zA-Z0-9]|-[a-zA-Z0-9]){0,62}$",
    "an RDS identifier: a letter, then up to 62 letters, digits or single '-', not ending in '-'",
    "airflow-platform-prod",
)
SNAPSHOT_ID = Pattern(
    r"^(arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:snapshot:)?[a-zA-Z]([a-zA-Z0-9]|-[a-zA-Z0-9]){0,254}$",
    "an RDS snapshot identifier (or its ARN, for a shared snapshot)",
    "airflow-platform-prod-final-1a2b3c4d",
)
UTC_TIME = Pattern(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$",
    "a UTC time yyyy-mm-ddThh:mm:ssZ within the source's backup retention",
    "2026-11-30T21:15:00Z",
)
DbIdentifier = Annotated[str, StringConstraints(pattern=DB_IDENTIFIER.regex, max_length=63)]
SnapshotId = Annotated[str, StringConstraints(pattern=SNAPSHOT_ID.regex)]
UtcTime = Annotated[str, StringConstraints(pattern=UTC_TIME.regex)]


class PointInTimeSettings(ConfigModel):
    source_db_instance_identifier: DbIdentifier = Field(
        description="The instance whose automated backups are restored (it must still exist)."
    )
    restore_time: UtcTime | None = Field(
        default=None, description="The moment to restore, UTC; or useLatestRestorableTime."
    )
    use_latest_restorable_time: StrictBool = Field(
        default=False, description="Restore the latest restorable moment (about 5 minutes ago)."
    )

    @model_validator(mode="after")
    def _one_moment(self) -> PointInTimeSettings:
        if (self.restore_time is None) == (not self.use_latest_restorable_time):
            raise cross_field(
                "restoreTime",
                "allowed: exactly one of restoreTime and useLatestRestorableTime: true, e.g. "
                "restoreTime: 2026-11-30T21:15:00Z",
            )
        return self


class RestoreSettings(ConfigModel):
    snapshot_identifier: SnapshotId | None = Field(
        default=None, description="Create the database from this RDS snapshot."
    )
    point_in_time: PointInTimeSettings | None = Field(
        default=None, description="Create the database from a point in time of an instance."
    )

    @model_validator(mode="after")
    def _one_source(self) -> RestoreSettings:
        if (self.snapshot_identifier is None) == (self.point_in_time is None):
            raise cross_field(
                "snapshotIdentifier",
                "allowed: exactly one of snapshotIdentifier and pointInTime, e.g. "
                "snapshotIdentifier: airflow-platform-prod-final-1a2b3c4d",
            )
        return self

    @property
    def source(self) -> str:
        """A stable text naming where the data comes from (it names the restored instance)."""
        if self.snapshot_identifier is not None:
            return f"snapshot:{self.snapshot_identifier}"
        assert self.point_in_time is not None
        pit = self.point_in_time
        moment = pit.restore_time or "latest"
        return f"pit:{pit.source_db_instance_identifier}@{moment}"
