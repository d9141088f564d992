"""Stack settings: the one place where Pulumi config becomes typed, validated objects.

`from components.settings import X` works for every public name of the package's modules:
types (constrained values), one model module per section, per-environment defaults, prod rules
and the loader.
"""

from components.pins import AIRFLOW_IMAGE_REPOSITORY, AIRFLOW_VERSION
from components.settings.airflow import (
    AIRFLOW3_EXECUTORS,
    AirflowSettings,
    TuningSettings,
    WorkerSettings,
)
from components.settings.airflow_capacity import AirflowResources, PodResources
from components.settings.airflow_sources import (
    ConnectionSettings,
    DagPersistenceSettings,
    DagSettings,
    GitSyncSettings,
    ImageSettings,
)
from components.settings.auth import (
    FAB_ROLES,
    AuthSettings,
    BreakGlassSettings,
    ClientSecretRef,
    OidcSettings,
)
from components.settings.broker import BrokerSettings
from components.settings.cert_manager import CertManagerSettings
from components.settings.cluster import ClusterSettings, PrivateSubnet
from components.settings.dag_bundle import GIT_BUNDLE_CONN_ID, GIT_BUNDLE_NAME, GitBundleSettings
from components.settings.database import DatabaseSettings
from components.settings.database_restore import PointInTimeSettings, RestoreSettings
from components.settings.defaults import ENVIRONMENT_DEFAULTS
from components.settings.dns import DnsSettings
from components.settings.errors import PROJECT, SettingsError, full_key, nested_model
from components.settings.keda import KedaSettings
from components.settings.loader import load_settings, parse_settings, raw_config_from_pulumi
from components.settings.monitoring import (
    AlertThresholds,
    MonitoringSettings,
    PrometheusOperatorSettings,
)
from components.settings.platform import PlatformSettings
from components.settings.prod_rules import prod_rules
from components.settings.registry import PROGRAM_REGISTRY, RegistrySettings
from components.settings.secrets import RotationSettings, SecretsSettings
from components.settings.storage import StorageSettings
from components.settings.task_logs import RemoteLogSettings, TaskLogSettings
from components.settings.types import (
    CLOUDWATCH_RETENTION_DAYS,
    EFS_IA_TRANSITION_DAYS,
    Environment,
)
from components.settings.workload_identity import SecretsBackendSettings, WorkloadIdentitySettings

__all__ = [
    "AIRFLOW3_EXECUTORS",
    "AIRFLOW_IMAGE_REPOSITORY",
    "AIRFLOW_VERSION",
    "CLOUDWATCH_RETENTION_DAYS",
    "EFS_IA_TRANSITION_DAYS",
    "ENVIRONMENT_DEFAULTS",
    "FAB_ROLES",
    "GIT_BUNDLE_CONN_ID",
    "GIT_BUNDLE_NAME",
    "PROGRAM_REGISTRY",
    "PROJECT",
    "AirflowResources",
    "AirflowSettings",
    "AlertThresholds",
    "AuthSettings",
    "BreakGlassSettings",
    "BrokerSettings",
    "CertManagerSettings",
    "ClientSecretRef",
    "ClusterSettings",
    "ConnectionSettings",
    "DagPersistenceSettings",
    "DagSettings",
    "DatabaseSettings",
    "DnsSettings",
    "Environment",
    "GitBundleSettings",
    "GitSyncSettings",
    "ImageSettings",
    "KedaSettings",
    "MonitoringSettings",
    "OidcSettings",
    "PlatformSettings",
    "PodResources",
    "PointInTimeSettings",
    "PrivateSubnet",
    "PrometheusOperatorSettings",
    "RegistrySettings",
    "RemoteLogSettings",
    "RestoreSettings",
    "RotationSettings",
    "SecretsBackendSettings",
    "SecretsSettings",
    "SettingsError",
    "StorageSettings",
    "TaskLogSettings",
    "TuningSettings",
    "WorkerSettings",
    "WorkloadIdentitySettings",
    "full_key",
    "load_settings",
    "nested_model",
    "parse_settings",
    "prod_rules",
    "raw_config_from_pulumi",
]
