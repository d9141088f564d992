"""How big and how sturdy Airflow's pods are: requests and limits per component, and the
protections a production stack wants (budgets, zone spreading, claims and state kept)."""

from __future__ import annotations

from pydantic import Field, model_validator

from components.settings.errors import cross_field
from components.settings.types import ConfigModel, CpuQuantity, MemoryQuantity

_MEBIBYTES = {"Mi": 1, "Gi": 1024}


def mebibytes(quantity: str) -> int:
    """A MemoryQuantity ("512Mi", "2Gi") in Mi."""
    return int(quantity[:-2]) * _MEBIBYTES[quantity[-2:]]


class PodResources(ConfigModel):
    cpu: CpuQuantity = Field(description="CPU request, e.g. 250m or 1 (no CPU limit is set).")
    memory: MemoryQuantity = Field(description="Memory request, e.g. 512Mi.")
    memory_limit: MemoryQuantity | None = Field(
        default=None, description="Memory limit, e.g. 1Gi; unset: the same as the request."
    )

    @model_validator(mode="after")
    def _limit_covers_request(self) -> PodResources:
        if self.memory_limit is not None and mebibytes(self.memory_limit) < mebibytes(self.memory):
            raise cross_field(
                "memoryLimit",
                f"allowed: at least memory ({self.memory}), e.g. memory 512Mi with memoryLimit "
                "1Gi; Kubernetes rejects a smaller limit",
            )
        return self


class AirflowResources(ConfigModel):
    scheduler: PodResources = Field(description="Each scheduler replica.")
    api_server: PodResources = Field(description="Each API server replica.")
    triggerer: PodResources = Field(description="Each triggerer replica.")
    dag_processor: PodResources = Field(description="The DAG processor.")
    celery_worker: PodResources = Field(description="Each Celery worker.")
    kubernetes_worker: PodResources = Field(
        description="Each task pod the Kubernetes executor starts."
    )
