"""Checksums of the content of the Secrets a pod reads, for an annotation on its pod template.

A Secret the program writes itself is not one the chart renders, so the chart's own checksum
annotations never see it change: a pod that reads it only at start (PgBouncer loads pgbouncer.ini
and users.txt once) would keep the old content. An annotation that follows the content changes
the pod template whenever the content does, so Kubernetes rolls the pod. The digest is a sha256
of the whole data and no secret itself: it is the only thing of those Secrets the values carry.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence

import pulumi

ANNOTATION = "airflow-platform/secrets-checksum"

SecretData = Mapping[str, pulumi.Input[str]]


def digest(contents: Sequence[Mapping[str, str]]) -> str:
    """sha256 of the data of each Secret, in order, keys sorted."""
    text = json.dumps([dict(sorted(data.items())) for data in contents])
    return hashlib.sha256(text.encode()).hexdigest()


def content_checksum(secrets: Sequence[SecretData]) -> pulumi.Output[str]:
    """The digest of these Secrets' data, known when their values are; not a secret output."""
    resolved = pulumi.Output.all(*(pulumi.Output.all(**data) for data in secrets))
    return pulumi.Output.unsecret(resolved.apply(digest))


def checksum_values(checksums: Mapping[str, str]) -> dict[str, dict[str, dict[str, str]]]:
    """Pod annotations per chart section (e.g. "pgbouncer") from each section's digest."""
    return {
        section: {"podAnnotations": {ANNOTATION: value}} for section, value in checksums.items()
    }
