"""Snapshots of the metadata database the program takes or names itself.

- Before an upgrade: when the PostgreSQL major version or the Airflow version about to be applied
  differs from what the running instance records, a manual snapshot is taken first, and the
  instance (hence the chart's migrations) waits for it. The versions in force are read at preview
  from the instance itself (its engine version, and the Airflow version tag the program writes).
- On deletion: the final snapshot's identifier carries a suffix generated once per database, so a
  second destroy (or a replaced instance) never collides with an earlier final snapshot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws
import pulumi_random as random

# The instance tag recording the Airflow version whose schema the database holds.
AIRFLOW_VERSION_TAG = "airflow-platform/airflow-version"


@dataclass(frozen=True)
class Versions:
    postgres_major: str
    airflow: str | None  # None: an instance from before the tag was written

    def slug(self) -> str:
        airflow = _identifier_part(self.airflow) if self.airflow else "unknown"
        return f"pg{self.postgres_major}-airflow-{airflow}"


def _identifier_part(text: str) -> str:
    """Letters, digits and single hyphens, as RDS identifiers require."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def deployed_versions(identifier: str, parent: pulumi.Resource) -> Versions | None:
    """The versions the running instance records, or None when it does not exist (yet)."""
    options = pulumi.InvokeOptions(parent=parent)
    # getInstances answers an empty list for a missing instance; getInstance would fail.
    found = aws.rds.get_instances(
        filters=[aws.rds.GetInstancesFilterArgs(name="db-instance-id", values=[identifier])],
        opts=options,
    )
    if identifier not in found.instance_identifiers:
        return None
    live = aws.rds.get_instance(db_instance_identifier=identifier, opts=options)
    return Versions(
        postgres_major=live.engine_version.split(".")[0],
        airflow=(live.tags or {}).get(AIRFLOW_VERSION_TAG),
    )


def upgrade_changes(deployed: Versions | None, wanted: Versions) -> bool:
    """Whether applying `wanted` changes a version the database's data depends on."""
    if deployed is None:
        return False  # a new instance: nothing to keep yet
    airflow_changes = deployed.airflow is not None and deployed.airflow != wanted.airflow
    return deployed.postgres_major != wanted.postgres_major or airflow_changes


def major_upgrade(deployed: Versions | None, major: str) -> bool:
    """Whether the running instance is on another PostgreSQL major version than `major`."""
    return deployed is not None and deployed.postgres_major != major


def pre_upgrade_snapshot(
    name: str, identifier: str, deployed: Versions, wanted: Versions, parent: pulumi.Resource
) -> aws.rds.Snapshot:
    """A manual snapshot named after the change; it outlives the program (retain_on_delete)."""
    return aws.rds.Snapshot(
        f"{name}-pre-upgrade-snapshot",
        db_instance_identifier=identifier,
        db_snapshot_identifier=f"{identifier}-{deployed.slug()}-to-{wanted.slug()}",
        # Leaving the program (the next `up`) must not delete the snapshot it exists for.
        opts=pulumi.ResourceOptions(parent=parent, retain_on_delete=True),
    )


def final_snapshot_suffix(name: str, parent: pulumi.Resource) -> random.RandomId:
    """Eight hex digits, generated once (no keepers) and kept in state with the database."""
    return random.RandomId(
        f"{name}-final-snapshot-suffix",
        byte_length=4,
        opts=pulumi.ResourceOptions(parent=parent),
    )
