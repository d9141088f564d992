"""Which input changes make Pulumi replace a resource rather than update it in place.

The providers mark these properties "force new" in their schemas; this table holds the ones of
the types the program creates where a replacement matters (state, or a name others refer to).
A plan diff labels such a change `replace`: for a database, the difference between a parameter
tweak and a new instance."""

from __future__ import annotations

_RANDOM = frozenset({"keepers", "length", "byteLength", "special", "overrideSpecial"})

FORCE_NEW: dict[str, frozenset[str]] = {
    "aws:rds/instance:Instance": frozenset(
        {
            "identifier",
            "snapshotIdentifier",
            "restoreToPointInTime",
            "dbName",
            "username",
            "engine",
            "kmsKeyId",
            "storageEncrypted",
            "availabilityZone",
        }
    ),
    "aws:rds/snapshot:Snapshot": frozenset({"dbInstanceIdentifier", "dbSnapshotIdentifier"}),
    "aws:rds/parameterGroup:ParameterGroup": frozenset({"family", "name"}),
    "aws:cloudwatch/logGroup:LogGroup": frozenset({"name"}),
    "aws:efs/fileSystem:FileSystem": frozenset(
        {"creationToken", "encrypted", "kmsKeyId", "performanceMode"}
    ),
    "aws:route53/record:Record": frozenset({"zoneId", "name"}),
    "random:index/randomPassword:RandomPassword": _RANDOM,
    "random:index/randomBytes:RandomBytes": _RANDOM,
    "random:index/randomId:RandomId": _RANDOM,
}
_KUBERNETES = frozenset({"metadata.name", "metadata.namespace"})


def replaced_by(resource_type: str, changed_paths: list[str]) -> list[str]:
    """The changed input paths (dotted, as the plan diff flattens them) that force a replacement."""
    force_new = FORCE_NEW.get(resource_type, frozenset())
    if resource_type.startswith("kubernetes:") and resource_type != "kubernetes:helm.sh/v3:Release":
        force_new = force_new | _KUBERNETES
    return [
        path
        for path in changed_paths
        if path.split("[")[0] in force_new or path.split(".")[0].split("[")[0] in force_new
    ]
