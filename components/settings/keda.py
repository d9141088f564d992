"""KEDA, which scales the Celery workers."""

from __future__ import annotations

from pydantic import Field, StrictBool

from components.settings.resources import PodResources, pod_resources
from components.settings.types import ConfigModel


class KedaSettings(ConfigModel):
    high_availability: StrictBool = Field(
        description="Two operator, metrics-server and webhook replicas, with disruption budgets "
        "and spread over zones."
    )
    resources: PodResources = Field(
        default_factory=lambda: pod_resources("50m", "128Mi", "512Mi"),
        description="Requests and memory limit of each KEDA deployment.",
    )
