"""What the offline mocks answer from: one resource's request, and stable ids derived from it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any


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
    """One resource to answer for: its type, name, inputs, and the region it lives in."""

    typ: str
    name: str
    inputs: dict[str, Any]
    region: str

    def hex(self, purpose: int, n: int) -> str:
        """A stable hex string for this resource; `purpose` keeps its different ids apart."""
        return stable_hex(f"{self.typ}/{self.name}/{purpose}", n)

    def named(self, purpose: int) -> str:
        """The `name` input, or the auto-name the provider gives (name plus random suffix)."""
        return self.inputs.get("name") or f"{self.name}-{self.hex(purpose, 7)}"


# (id, outputs) the provider would return
Answer = tuple[str, dict[str, Any]]
