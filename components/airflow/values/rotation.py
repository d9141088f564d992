"""Restarts after a secret rotation or a database restore.

Pods read the generated Secrets at start (environment, or a config file PgBouncer loads once); a
Secret whose value changes restarts nothing, and the chart's own checksum annotations cover only
the Secrets it renders itself, which ours are not. A pod annotation carrying the rotation numbers
changes the pod templates exactly when a number changes, so Kubernetes rolls the pods that read
the rotated value. A restore moves the database to a new instance (a new address in the same
Secrets): Airflow's pods and PgBouncer roll too, or they would keep using the old instance."""

from __future__ import annotations

import hashlib
from typing import Any

from components.settings import RotationSettings

ANNOTATION = "airflow-platform/secrets-rotation"
# Which pods read each secret besides Airflow's own: chart value section -> rotation keys.
_OTHER_READERS = {
    # PgBouncer logs in to RDS as the app role, with the password in its users.txt.
    "pgbouncer": ("appDatabasePassword", "databaseRestore"),
    "redis": ("redisPassword",),
}


_NOT_READ_BY_AIRFLOW = ("databasePassword",)


def _annotation(numbers: dict[str, int | str]) -> dict[str, str]:
    return {ANNOTATION: ",".join(f"{key}={n}" for key, n in sorted(numbers.items()))}


def rotation_values(rotation: RotationSettings, restored_from: str | None = None) -> dict[str, Any]:
    """Pod annotations per chart section; nothing at all before the first rotation or restore."""
    numbers: dict[str, int | str] = {**rotation.nonzero()}
    if restored_from is not None:
        numbers["databaseRestore"] = hashlib.sha256(restored_from.encode()).hexdigest()[:8]
    # Only the database-roles Job reads the master password (its name carries the number).
    airflow = {key: n for key, n in numbers.items() if key not in _NOT_READ_BY_AIRFLOW}
    values: dict[str, Any] = {}
    if airflow:
        # Every Airflow pod reads the metadata connection, the fernet key and the API secrets.
        values["airflowPodAnnotations"] = _annotation(airflow)
    for section, keys in _OTHER_READERS.items():
        own = {key: n for key, n in numbers.items() if key in keys}
        if own:
            values[section] = {"podAnnotations": _annotation(own)}
    return values
