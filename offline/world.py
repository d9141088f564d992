"""What already exists before a run: the RDS instances a previous `up` left, the Secrets people
created in the cluster. The default world is a first deploy with every prerequisite in place."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from offline.invokes import ACCOUNT_ID
from offline.mock_request import partition_of

SECRET_TYPE = "kubernetes:core/v1:Secret"
# Invokes whose answer depends on what exists: token -> the World method answering it.
WORLD_INVOKES = {
    "aws:rds/getInstances:getInstances": "get_instances",
    "aws:rds/getInstance:getInstance": "get_instance",
}


@dataclass(frozen=True)
class DeployedInstance:
    """An RDS instance as a previous deploy left it: its engine version and its tags."""

    engine_version: str
    tags: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class World:
    db_instances: Mapping[str, DeployedInstance] = field(default_factory=dict)
    # Secrets ("namespace/name") that do not exist: reading one fails as the provider's read does.
    missing_secrets: frozenset[str] = frozenset()
    # The keys of existing Secrets ("namespace/name"); a Secret not listed answers without data.
    secret_keys: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def key(self) -> str:
        """A text identifying this world, for caches."""
        return repr(
            (
                sorted(self.db_instances.items()),
                sorted(self.missing_secrets),
                sorted(self.secret_keys.items()),
            )
        )

    def get_instances(self, args: Mapping[str, Any], region: str) -> dict[str, Any]:
        """aws.rds.get_instances filtered by db-instance-id: the identifiers that exist."""
        wanted = {v for f in args.get("filters") or [] for v in f.get("values") or []}
        found = sorted(i for i in self.db_instances if not wanted or i in wanted)
        arns = [f"arn:{partition_of(region)}:rds:{region}:{ACCOUNT_ID}:db:{i}" for i in found]
        return {"id": region, "instanceIdentifiers": found, "instanceArns": arns}

    def get_instance(self, args: Mapping[str, Any], region: str) -> dict[str, Any]:
        """aws.rds.get_instance: fails for a missing instance, as AWS's DescribeDBInstances does."""
        identifier = args["dbInstanceIdentifier"]
        instance = self.db_instances.get(identifier)
        if instance is None:
            raise LookupError(f"DBInstanceNotFound: DBInstance {identifier} not found.")
        return {
            "id": identifier,
            "dbInstanceIdentifier": identifier,
            "engine": "postgres",
            "engineVersion": instance.engine_version,
            "dbInstanceArn": f"arn:{partition_of(region)}:rds:{region}:{ACCOUNT_ID}:db:{identifier}",
            "tags": dict(instance.tags),
        }

    def read_secret(self, resource_id: str, name: str) -> dict[str, Any]:
        """The Secret as the Kubernetes provider reads it, or its failure for a missing one."""
        if resource_id in self.missing_secrets:
            raise LookupError(
                f'{SECRET_TYPE} ({name}): Preview failed: resource "{resource_id}" does not exist'
            )
        namespace, _, secret = resource_id.partition("/")
        state: dict[str, Any] = {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {"name": secret, "namespace": namespace},
            "type": "Opaque",
        }
        if resource_id in self.secret_keys:
            state["data"] = {key: "eA==" for key in self.secret_keys[resource_id]}
        return state
