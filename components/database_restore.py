"""A metadata database created from a snapshot or a point in time (`database.restore`).

The restored instance gets its own identifier, derived from where its data comes from: Pulumi then
creates it before deleting the current one, which a point-in-time restore may read from. Its data
brings the database and the master user: db_name and username are not set; the provider sets the
password again after the restore.
"""

from __future__ import annotations

import hashlib

import pulumi_aws as aws

from components.settings import RestoreSettings


def restored_identifier(identifier: str, restore: RestoreSettings | None) -> str:
    """`identifier`, or `<identifier>-restored-<8 hex of the source>` for a restore."""
    if restore is None:
        return identifier
    digest = hashlib.sha256(restore.source.encode()).hexdigest()[:8]
    return f"{identifier}-restored-{digest}"


def point_in_time_args(
    restore: RestoreSettings | None,
) -> aws.rds.InstanceRestoreToPointInTimeArgs | None:
    """The provider's restore_to_point_in_time block, for a point-in-time restore only."""
    if restore is None or restore.point_in_time is None:
        return None
    pit = restore.point_in_time
    return aws.rds.InstanceRestoreToPointInTimeArgs(
        source_db_instance_identifier=pit.source_db_instance_identifier,
        restore_time=pit.restore_time,
        use_latest_restorable_time=pit.use_latest_restorable_time or None,
    )
