"""The Airflow component: namespace, generated Secrets, PgBouncer's certificate, the chart release."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_kubernetes as k8s

from components.airflow.break_glass import USERNAME as BREAK_GLASS_USERNAME
from components.airflow.checksums import content_checksum
from components.airflow.database_roles import (
    RoleConnections,
    RolesInputs,
    database_roles,
    keda_grants,
)
from components.airflow.generated_secrets import (
    SecretWriter,
    admin_password_secret,
    api_secrets,
    broker_secrets,
    database_secrets,
    pgbouncer_secrets,
)
from components.airflow.pgbouncer import pgbouncer_client_tls
from components.airflow.prerequisites import look_up_secrets
from components.airflow.secret_names import SecretNames
from components.airflow.values import AwsInputs, ChartInputs, chart_values
from components.helm import pinned_release
from components.pins import AIRFLOW_CHART
from components.postgres import DatabaseEndpoint
from components.settings import AirflowSettings, RotationSettings


@dataclass(frozen=True)
class AirflowAws:
    """The IRSA roles of the service accounts and the task log bucket (None: remote logs off)."""

    region: str
    role_arns: pulumi.Output[dict[str, str]]
    log_bucket_name: pulumi.Output[str] | None
    # What must exist before Airflow's pods start: the roles' policies, the bucket's settings.
    ready: list[pulumi.Resource]


@dataclass(frozen=True)
class AirflowArgs:
    settings: AirflowSettings
    trusted_proxy_cidrs: list[str]
    database: DatabaseEndpoint
    storage_class_name: pulumi.Output[str]
    cluster_issuer_name: pulumi.Output[str]
    # settings.image.repository, or the program registry's URL when that says `ecr`.
    image_repository: pulumi.Input[str]
    cluster_issuer: pulumi.Resource
    keda_release: pulumi.Resource
    rotation: RotationSettings
    # Where a restored database came from (None: not restored); its pods roll on a restore.
    database_restored_from: str | None = None
    # The managed broker's Celery URL (a secret); None runs the chart's in-cluster Redis.
    managed_broker_url: pulumi.Output[str] | None = None
    aws: AirflowAws | None = None


class Airflow(pulumi.ComponentResource):
    url: str
    namespace: pulumi.Output[str]
    release_name: pulumi.Output[str]
    admin_username: str | None
    admin_password: pulumi.Output[str] | None
    release: k8s.helm.v3.Release

    def __init__(self, name: str, args: AirflowArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("airflow-platform:airflow:Airflow", name, None, opts)
        cfg = args.settings
        namespace = k8s.core.v1.Namespace(
            f"{name}-namespace",
            metadata=k8s.meta.v1.ObjectMetaArgs(name=cfg.namespace),
            # Deleting the namespace deletes the log and DAG claims with it.
            opts=pulumi.ResourceOptions(parent=self, protect=cfg.protect),
        )
        writer = SecretWriter(name, namespace.metadata.name, self)
        roles_inputs = RolesInputs(cfg, args.database, args.rotation, args.database_restored_from)
        # Before anything connects: Airflow and KEDA connect as these roles, not as the master.
        roles = database_roles(writer, roles_inputs)
        secrets = self._secrets(name, args, writer, roles)
        # Read at preview: a missing one fails there, naming its config key.
        prerequisites = look_up_secrets(cfg, self)
        aws = args.aws
        values = self._values(args, self._pgbouncer_checksum(cfg, writer))
        self.release = pinned_release(
            f"{name}-release",
            AIRFLOW_CHART,
            release_name=cfg.release_name,
            namespace=namespace.metadata.name,
            values=values,
            # A first install migrates a new database before anything turns ready.
            timeout_seconds=1800,
            wait_for_jobs=True,
            opts=pulumi.ResourceOptions(
                parent=self,
                depends_on=[
                    args.database.instance,
                    roles.app.instance,  # the migration Job connects as the app role
                    roles.secret,
                    args.keda_release,
                    *secrets,
                    *prerequisites,
                    *(aws.ready if aws else []),
                ],
            ),
        )
        keda_grants(writer, roles_inputs, roles, self.release)
        self.url = f"https://{cfg.host}/"
        self.namespace = self.release.namespace.apply(lambda value: value or cfg.namespace)
        self.release_name = self.release.name.apply(lambda value: value or cfg.release_name)
        self.register_outputs(
            {"url": self.url, "namespace": self.namespace, "releaseName": self.release_name}
        )

    @staticmethod
    def _values(
        args: AirflowArgs, pgbouncer_checksum: pulumi.Output[str] | None
    ) -> pulumi.Output[dict[str, Any]]:
        """The chart values, once the platform's names, roles and checksums are known."""
        cfg, aws = args.settings, args.aws
        return pulumi.Output.all(
            args.storage_class_name,
            args.cluster_issuer_name,
            args.image_repository,
            aws.role_arns if aws else {},
            aws.log_bucket_name if aws else None,
            pgbouncer_checksum,
        ).apply(
            lambda resolved: chart_values(
                cfg,
                ChartInputs(
                    storage_class_name=resolved[0],
                    issuer_name=resolved[1],
                    trusted_proxy_cidrs=args.trusted_proxy_cidrs,
                    image_repository=resolved[2],
                    rotation=args.rotation,
                    database_restored_from=args.database_restored_from,
                    managed_broker=args.managed_broker_url is not None,
                    aws=AwsInputs(aws.region if aws else "", resolved[3], resolved[4]),
                    secret_checksums={"pgbouncer": resolved[5]} if resolved[5] else {},
                ),
            )
        )

    @staticmethod
    def _pgbouncer_checksum(
        cfg: AirflowSettings, writer: SecretWriter
    ) -> pulumi.Output[str] | None:
        """PgBouncer reads its config and exporter Secrets once: it rolls when their content does."""
        if not cfg.pgbouncer:
            return None
        names = SecretNames(cfg.release_name)
        return content_checksum(
            [writer.written[names.pgbouncer_config], writer.written[names.pgbouncer_stats]]
        )

    def _secrets(
        self, name: str, args: AirflowArgs, writer: SecretWriter, roles: RoleConnections
    ) -> list[pulumi.Resource]:
        """Every Secret the release reads (and PgBouncer's certificate), in creation order."""
        cfg = args.settings
        names = SecretNames(cfg.release_name)
        secrets = api_secrets(writer, names, cfg.protect, args.rotation)
        secrets += database_secrets(writer, cfg, roles.app, roles.keda_url)
        if cfg.uses_celery:
            secrets += broker_secrets(
                writer, cfg, args.rotation.redis_password, args.managed_broker_url
            )
        if cfg.pgbouncer:
            secrets += pgbouncer_secrets(writer, cfg, roles.app)
            secrets.append(
                pgbouncer_client_tls(name, cfg, writer.namespace, args.cluster_issuer, self)
            )
        self.admin_username = None
        self.admin_password = None
        break_glass = cfg.auth.break_glass
        if break_glass.enabled:
            self.admin_password, admin_secret = admin_password_secret(
                writer, names, break_glass.password_version
            )
            self.admin_username = BREAK_GLASS_USERNAME
            secrets.append(admin_secret)
        return secrets
