"""Requests and limits of one container, as a stack file writes them."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from components.settings.errors import cross_field
from components.settings.types import ConfigModel, CpuQuantity, MemoryQuantity

_MEBIBYTES = {"Mi": 1, "Gi": 1024, "Ti": 1024 * 1024}


def mebibytes(quantity: str) -> int:
    """A memory quantity (validated as a whole number of Mi, Gi or Ti) in Mi."""
    return int(quantity[:-2]) * _MEBIBYTES[quantity[-2:]]


class PodResources(ConfigModel):
    """CPU and memory requests, and a memory limit. No CPU limit: throttling a controller's
    leader-election renewals costs more than a noisy neighbour."""

    cpu: CpuQuantity = Field(description="CPU request, e.g. 50m.")
    memory: MemoryQuantity = Field(description="Memory request, e.g. 128Mi.")
    memory_limit: MemoryQuantity = Field(description="Memory limit, at least the request.")

    @model_validator(mode="after")
    def _limit_covers_request(self) -> PodResources:
        if mebibytes(self.memory_limit) < mebibytes(self.memory):
            raise cross_field(
                "memoryLimit",
                f"allowed: at least memory ({self.memory}), e.g. memory 128Mi with memoryLimit "
                "512Mi; Kubernetes rejects a smaller limit",
            )
        return self

    def kubernetes(self) -> dict[str, Any]:
        """The container's `resources` block."""
        return {
            "requests": {"cpu": self.cpu, "memory": self.memory},
            "limits": {"memory": self.memory_limit},
        }


def pod_resources(cpu: str, memory: str, memory_limit: str) -> PodResources:
    """A default written in code (field names, since stack files use the camelCase aliases)."""
    return PodResources.model_validate({"cpu": cpu, "memory": memory, "memoryLimit": memory_limit})
