"""Airflow's metadata database: RDS for PostgreSQL, private, TLS-only, protected in prod."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws
import pulumi_random as random

from components.cluster_identity import ClusterIdentity
from components.database_monitoring import enhanced_monitoring, observability_args
from components.database_restore import point_in_time_args, restored_identifier
from components.database_snapshots import (
    AIRFLOW_VERSION_TAG,
    Versions,
    deployed_versions,
    final_snapshot_suffix,
    major_upgrade,
    pre_upgrade_snapshot,
    upgrade_changes,
)
from components.network import private_placement
from components.pins import RDS_CA_CERT_IDENTIFIER
from components.postgres import DatabaseEndpoint, connection_url
from components.settings import DatabaseSettings

POSTGRES_PORT = 5432
DATABASE_NAME = "airflow"
MASTER_USERNAME = "airflow"
# RDS rejects '/', '@', '"' and space in master passwords; every other printable special is fine.
PASSWORD_SPECIALS = "!#$%&*()-_=+[]{}<>:?.,;~^|"
PASSWORD_LENGTH = 40
LOG_EXPORTS = ("postgresql", "upgrade")


@dataclass(frozen=True)
class DatabaseArgs:
    settings: DatabaseSettings
    identifier: str
    cluster: ClusterIdentity
    # The Airflow version about to run: a change snapshots the database first.
    airflow_version: str
    # secrets.rotation.databasePassword: raising it generates a new master password.
    password_rotation: int = 0

    @property
    def instance_identifier(self) -> str:
        """The identifier, or a new one for a restored instance (components/database_restore)."""
        return restored_identifier(self.identifier, self.settings.restore)


class Database(pulumi.ComponentResource):
    address: pulumi.Output[str]
    port: pulumi.Output[int]
    database_name: str
    username: str
    password: pulumi.Output[str]
    connection_url: pulumi.Output[str]
    security_group_id: pulumi.Output[str]
    instance: aws.rds.Instance
    endpoint: DatabaseEndpoint

    def __init__(self, name: str, args: DatabaseArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("airflow-platform:database:Database", name, None, opts)
        cfg = args.settings

        subnet_group, security_group = private_placement(
            aws.rds.SubnetGroup,
            name,
            args.cluster,
            identifier=args.identifier,
            port=POSTGRES_PORT,
            service=f"PostgreSQL {args.identifier}",
            tag_name=f"{args.identifier}-db",
            parent=self,
        )
        parameter_group = self._parameter_group(name, args)
        password = self._master_password(name, cfg, args.password_rotation)
        waits_for = self._log_groups(name, args)
        monitoring_role, monitoring_ready = enhanced_monitoring(
            name, args.cluster, cfg, args.identifier, self
        )
        waits_for += monitoring_ready
        deployed = deployed_versions(args.instance_identifier, self)
        waits_for += self._snapshot_before_upgrade(name, args, deployed)
        suffix = final_snapshot_suffix(name, self) if cfg.final_snapshot else None
        # Blue/green only for a major upgrade: the provider gives a green copy made for other
        # changes (e.g. the instance class alone) the default parameter group, without force_ssl.
        blue_green = cfg.blue_green_update and major_upgrade(deployed, cfg.engine_version)
        self.instance = aws.rds.Instance(
            f"{name}-instance",
            args=_instance_args(
                args,
                password,
                _Placement(subnet_group, security_group, parameter_group),
                suffix,
                blue_green,
                monitoring_role,
            ),
            opts=pulumi.ResourceOptions(
                parent=self,
                protect=cfg.protect,
                additional_secret_outputs=["password"],
                depends_on=waits_for,
                # A blue/green deployment copies, syncs and switches over within one update.
                custom_timeouts=pulumi.CustomTimeouts(update="4h") if blue_green else None,
            ),
        )
        self._publish(password, security_group)

    def _log_groups(self, name: str, args: DatabaseArgs) -> list[pulumi.Resource]:
        """RDS creates its log groups on first export with no expiry; created here first, with one."""
        return [
            aws.cloudwatch.LogGroup(
                f"{name}-logs-{log}",
                name=f"/aws/rds/instance/{args.instance_identifier}/{log}",
                retention_in_days=args.settings.log_retention_days,
                opts=pulumi.ResourceOptions(parent=self),
            )
            for log in LOG_EXPORTS
        ]

    def _snapshot_before_upgrade(
        self, name: str, args: DatabaseArgs, deployed: Versions | None
    ) -> list[pulumi.Resource]:
        """The pre-upgrade snapshot when a version changes (the instance then waits for it)."""
        identifier = args.instance_identifier
        wanted = Versions(args.settings.engine_version, args.airflow_version)
        if deployed is None or not upgrade_changes(deployed, wanted):
            return []
        return [pre_upgrade_snapshot(name, identifier, deployed, wanted, self)]

    def _parameter_group(self, name: str, args: DatabaseArgs) -> aws.rds.ParameterGroup:
        # Auto-named, so a major-version bump creates the new family's group before the old goes
        # (a blue/green switchover also needs the old group until it completes).
        parameters = [
            aws.rds.ParameterGroupParameterArgs(name=n, value=v, apply_method="immediate")
            for n, v in (
                ("rds.force_ssl", "1"),
                ("log_min_duration_statement", "1000"),
                ("log_connections", "1"),
                ("log_disconnections", "1"),
                ("log_lock_waits", "1"),
                ("log_autovacuum_min_duration", "10000"),
            )
        ]
        if args.settings.blue_green_update:
            # RDS blue/green keeps the green copy in sync by logical replication, which PostgreSQL
            # sources must enable; a static parameter, in force after the next reboot.
            parameters.append(
                aws.rds.ParameterGroupParameterArgs(
                    name="rds.logical_replication", value="1", apply_method="pending-reboot"
                )
            )
        return aws.rds.ParameterGroup(
            f"{name}-params",
            family=f"postgres{args.settings.engine_version}",
            description=f"{args.identifier}: TLS forced, slow statements and lock waits logged",
            parameters=parameters,
            opts=pulumi.ResourceOptions(parent=self),
        )

    def _master_password(
        self, name: str, cfg: DatabaseSettings, rotation: int
    ) -> random.RandomPassword:
        # Kept in state; only a raised rotation number (its keeper) generates a new one.
        return random.RandomPassword(
            f"{name}-master-password",
            length=PASSWORD_LENGTH,
            special=True,
            override_special=PASSWORD_SPECIALS,
            min_lower=2,
            min_upper=2,
            min_numeric=2,
            min_special=2,
            keepers={"rotation": str(rotation)} if rotation else None,
            # Replacing it (a rename, a changed input) would reset the prod master password.
            opts=pulumi.ResourceOptions(parent=self, protect=cfg.protect),
        )

    def _publish(
        self, password: random.RandomPassword, security_group: aws.ec2.SecurityGroup
    ) -> None:
        """Outputs: the endpoint's parts, secrets as secrets, and the endpoint Airflow needs."""
        self.address = self.instance.address
        self.port = self.instance.port
        self.database_name = DATABASE_NAME
        self.username = MASTER_USERNAME
        self.password = pulumi.Output.secret(password.result)
        self.security_group_id = security_group.id
        self.connection_url = pulumi.Output.secret(
            pulumi.Output.all(password.result, self.instance.address, self.instance.port).apply(
                lambda parts: connection_url(
                    MASTER_USERNAME, parts[0], parts[1], int(parts[2]), DATABASE_NAME
                )
            )
        )
        self.endpoint = DatabaseEndpoint(
            address=self.address,
            port=self.port,
            name=self.database_name,
            username=self.username,
            password=self.password,
            url=self.connection_url,
            instance=self.instance,
        )
        self.register_outputs(
            {
                "address": self.address,
                "port": self.port,
                "databaseName": self.database_name,
                "username": self.username,
                "password": self.password,
                "connectionUrl": self.connection_url,
            }
        )


@dataclass(frozen=True)
class _Placement:
    """Where the instance lives and how it is configured: its groups."""

    subnet_group: aws.rds.SubnetGroup
    security_group: aws.ec2.SecurityGroup
    parameter_group: aws.rds.ParameterGroup


def _instance_args(
    args: DatabaseArgs,
    password: random.RandomPassword,
    placement: _Placement,
    final_suffix: random.RandomId | None,
    blue_green: bool,
    monitoring_role: aws.iam.Role | None,
) -> aws.rds.InstanceArgs:
    """The instance: private, encrypted, TLS-only, protected and kept as the settings decide."""
    cfg = args.settings
    identifier = args.instance_identifier
    return aws.rds.InstanceArgs(
        identifier=identifier,
        engine="postgres",
        # Major version only: RDS picks the newest minor and upgrades minors automatically.
        engine_version=cfg.engine_version,
        allow_major_version_upgrade=True,
        auto_minor_version_upgrade=True,
        # No silent, billed RDS Extended Support once a major version leaves standard support.
        engine_lifecycle_support="open-source-rds-extended-support-disabled",
        instance_class=cfg.instance_class,
        storage_type="gp3",
        allocated_storage=cfg.allocated_storage_gb,
        max_allocated_storage=cfg.max_allocated_storage_gb,
        storage_encrypted=True,
        kms_key_id=cfg.kms_key_arn,
        password=password.result,
        port=POSTGRES_PORT,
        db_subnet_group_name=placement.subnet_group.name,
        vpc_security_group_ids=[placement.security_group.id],
        parameter_group_name=placement.parameter_group.name,
        publicly_accessible=False,
        multi_az=cfg.multi_az,
        ca_cert_identifier=RDS_CA_CERT_IDENTIFIER,
        backup_retention_period=cfg.backup_retention_days,
        backup_window=cfg.backup_window,
        maintenance_window=cfg.maintenance_window,
        copy_tags_to_snapshot=True,
        delete_automated_backups=cfg.delete_automated_backups,
        deletion_protection=cfg.deletion_protection,
        skip_final_snapshot=not cfg.final_snapshot,
        final_snapshot_identifier=(
            final_suffix.hex.apply(lambda hex_: f"{identifier}-final-{hex_}")
            if final_suffix is not None
            else None
        ),
        **observability_args(cfg, monitoring_role),
        enabled_cloudwatch_logs_exports=list(LOG_EXPORTS),
        apply_immediately=cfg.apply_immediately,
        blue_green_update=(
            aws.rds.InstanceBlueGreenUpdateArgs(enabled=True) if blue_green else None
        ),
        tags={"Name": identifier, AIRFLOW_VERSION_TAG: args.airflow_version},
        db_name=None if cfg.restore else DATABASE_NAME,
        username=None if cfg.restore else MASTER_USERNAME,
        snapshot_identifier=cfg.restore.snapshot_identifier if cfg.restore else None,
        restore_to_point_in_time=point_in_time_args(cfg.restore),
    )
