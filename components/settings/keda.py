"""KEDA, which scales the Celery workers."""

from __future__ import annotations

from pydantic import Field

from components.settings.types import ConfigModel


class KedaSettings(ConfigModel):
    high_availability: bool = Field(description="Two operator and metrics-server replicas.")
