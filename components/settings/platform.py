"""The whole stack's settings, and the rules that tie its sections together."""

from __future__ import annotations

from typing import Any

from components.settings.airflow import AirflowSettings
from components.settings.cert_manager import CertManagerSettings
from components.settings.cluster import ClusterSettings
from components.settings.database import DatabaseSettings
from components.settings.keda import KedaSettings
from components.settings.monitoring import MonitoringSettings
from components.settings.registry import PROGRAM_REGISTRY, RegistrySettings
from components.settings.storage import StorageSettings
from components.settings.types import ConfigModel, Environment, RegionName

# (key without namespace, value given, what is allowed): one problem a rule found.
Problem = tuple[str, Any, str]


class PlatformSettings(ConfigModel):
    environment: Environment
    region: RegionName
    cluster: ClusterSettings
    database: DatabaseSettings
    storage: StorageSettings
    cert_manager: CertManagerSettings
    keda: KedaSettings
    registry: RegistrySettings
    airflow: AirflowSettings
    monitoring: MonitoringSettings

    @property
    def is_prod(self) -> bool:
        return self.environment is Environment.PROD


def region_rules(settings: PlatformSettings) -> list[Problem]:
    """Every subnet must be in the stack's region."""
    return [
        (
            f"cluster.privateSubnets[{index}].availabilityZone",
            subnet.availability_zone,
            f"allowed: a zone of region {settings.region} (aws:region)",
        )
        for index, subnet in enumerate(settings.cluster.private_subnets)
        if not subnet.availability_zone.startswith(settings.region)
    ]


def registry_rules(settings: PlatformSettings) -> list[Problem]:
    """The image can run from the program's registry only when the program creates it."""
    image = settings.airflow.image
    if image.repository == PROGRAM_REGISTRY and not settings.registry.enabled:
        return [
            (
                "airflow.image.repository",
                image.repository,
                f"'{PROGRAM_REGISTRY}' runs the image from the program's registry, which is off; "
                "set airflow-platform:registry.enabled to true, or give a full repository, e.g. "
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/airflow",
            )
        ]
    return []
