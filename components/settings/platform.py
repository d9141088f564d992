"""The whole stack's settings, and the rules that tie its sections together."""

from __future__ import annotations

from typing import Any

from components.settings.airflow import AirflowSettings
from components.settings.cert_manager import CertManagerSettings
from components.settings.cluster import ClusterSettings
from components.settings.database import DatabaseSettings
from components.settings.keda import KedaSettings
from components.settings.monitoring import MonitoringSettings
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
