"""Airflow's metadata database: RDS for PostgreSQL, private, TLS-only, protected in prod."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws
import pulumi_random as random

from components.cluster_identity import ClusterIdentity
from components.network import cluster_only_security_group
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
        child = pulumi.ResourceOptions(parent=self)
        cfg = args.settings

        subnet_group = aws.rds.SubnetGroup(
            f"{name}-subnets",
            description=f"Private subnets of {args.identifier}",
            subnet_ids=args.cluster.private_subnet_ids,
            opts=child,
        )
        security_group = cluster_only_security_group(
            name,
            vpc_id=args.cluster.vpc_id,
            cluster_security_group_id=args.cluster.cluster_security_group_id,
            port=POSTGRES_PORT,
            service=f"PostgreSQL {args.identifier}",
            tag_name=f"{args.identifier}-db",
            parent=self,
        )
        parameter_group = self._parameter_group(name, args)
        password = self._master_password(name, cfg)
        # RDS creates its log groups on first export with no expiry; created here first, with one.
        log_groups = [
            aws.cloudwatch.LogGroup(
                f"{name}-logs-{log}",
                name=f"/aws/rds/instance/{args.identifier}/{log}",
                retention_in_days=cfg.log_retention_days,
                opts=child,
            )
            for log in LOG_EXPORTS
        ]
        self.instance = aws.rds.Instance(
            f"{name}-instance",
            args=_instance_args(args, password, subnet_group, security_group, parameter_group),
            opts=pulumi.ResourceOptions(
                parent=self,
                protect=cfg.protect,
                additional_secret_outputs=["password"],
                depends_on=log_groups,
            ),
        )
        self._publish(password, security_group)

    def _parameter_group(self, name: str, args: DatabaseArgs) -> aws.rds.ParameterGroup:
        # Auto-named, so a major-version bump creates the new family's group before the old goes.
        return aws.rds.ParameterGroup(
            f"{name}-params",
            family=f"postgres{args.settings.engine_version}",
            description=f"{args.identifier}: TLS forced, slow statements and lock waits logged",
            parameters=[
                aws.rds.ParameterGroupParameterArgs(name=n, value=v, apply_method="immediate")
                for n, v in (
                    ("rds.force_ssl", "1"),
                    ("log_min_duration_statement", "1000"),
                    ("log_connections", "1"),
                    ("log_disconnections", "1"),
                    ("log_lock_waits", "1"),
                    ("log_autovacuum_min_duration", "10000"),
                )
            ],
            opts=pulumi.ResourceOptions(parent=self),
        )

    def _master_password(self, name: str, cfg: DatabaseSettings) -> random.RandomPassword:
        # Generated once and kept in state: no keepers, so no update ever rotates it.
        return random.RandomPassword(
            f"{name}-master-password",
            length=PASSWORD_LENGTH,
            special=True,
            override_special=PASSWORD_SPECIALS,
            min_lower=2,
            min_upper=2,
            min_numeric=2,
            min_special=2,
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


def _instance_args(
    args: DatabaseArgs,
    password: random.RandomPassword,
    subnet_group: aws.rds.SubnetGroup,
    security_group: aws.ec2.SecurityGroup,
    parameter_group: aws.rds.ParameterGroup,
) -> aws.rds.InstanceArgs:
    """The instance: private, encrypted, TLS-only, protected and kept as the settings decide."""
    cfg = args.settings
    return aws.rds.InstanceArgs(
        identifier=args.identifier,
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
        db_name=DATABASE_NAME,
        username=MASTER_USERNAME,
        password=password.result,
        port=POSTGRES_PORT,
        db_subnet_group_name=subnet_group.name,
        vpc_security_group_ids=[security_group.id],
        parameter_group_name=parameter_group.name,
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
        final_snapshot_identifier=f"{args.identifier}-final" if cfg.final_snapshot else None,
        performance_insights_enabled=cfg.performance_insights,
        performance_insights_retention_period=7 if cfg.performance_insights else None,
        enabled_cloudwatch_logs_exports=list(LOG_EXPORTS),
        apply_immediately=cfg.apply_immediately,
        tags={"Name": args.identifier},
    )
