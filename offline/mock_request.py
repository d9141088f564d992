"""What the offline mocks answer from: one resource's request, and stable ids derived from it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any


def partition_of(region: str) -> str:
    """The AWS partition a region belongs to: ARNs in China and GovCloud do not start `arn:aws:`."""
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def dns_suffix_of(region: str) -> str:
    """The domain of AWS endpoints in that region's partition."""
    return "amazonaws.com.cn" if partition_of(region) == "aws-cn" else "amazonaws.com"


def stable_hex(key: str, n: int) -> str:
    """Deterministic hex for ids and endpoints, so two renders of one program are comparable."""
    digest = ""
    counter = 0
    while len(digest) < n:
        digest += hashlib.sha256(f"{key}#{counter}".encode()).hexdigest()
        counter += 1
    return digest[:n]


@dataclass(frozen=True)
class MockRequest:
    """One resource to answer for: its type, name, inputs, the region it lives in, its URN."""

    typ: str
    name: str
    inputs: dict[str, Any]
    region: str
    urn: str = ""  # the resource's URN, when the monitor told it

    @property
    def arn(self) -> str:
        """`arn:<partition>`, the start of every ARN in this resource's region."""
        return f"arn:{partition_of(self.region)}"

    @property
    def dns_suffix(self) -> str:
        return dns_suffix_of(self.region)

    def hex(self, purpose: int, n: int) -> str:
        """A stable hex string for this resource; `purpose` keeps its different ids apart."""
        return stable_hex(f"{self.typ}/{self.name}/{purpose}", n)

    def named(self, purpose: int) -> str:
        """The `name` input, or the auto-name the provider gives (name plus random suffix)."""
        return self.inputs.get("name") or f"{self.name}-{self.hex(purpose, 7)}"


# (id, outputs) the provider would return
Answer = tuple[str, dict[str, Any]]
