"""The managed Celery broker: ElastiCache for Valkey, Multi-AZ with automatic failover, TLS-only,
an AUTH token, private, reachable only from the cluster security group, protected in prod."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import cycle, islice
from urllib.parse import quote

import pulumi
import pulumi_aws as aws
import pulumi_random as random

from components.airflow.addresses import REDIS_PORT
from components.cluster_identity import ClusterIdentity
from components.network import private_placement
from components.pins import VALKEY_ENGINE_VERSION, VALKEY_PARAMETER_FAMILY
from components.settings import BrokerSettings

# ElastiCache AUTH tokens: 16-128 printable characters, and of the specials only these.
TOKEN_SPECIALS = "!&#$^<>-"
TOKEN_LENGTH = 64
REPLICATION_GROUP_ID_MAX = 40


def managed_broker_url(token: str, host: str, port: int = REDIS_PORT) -> str:
    """Celery's URL for a TLS Redis with an AUTH token. kombu, given `rediss://` without SSL
    options, connects with CERT_NONE (it warns, and accepts any certificate): the query asks for
    verification against the system trust store, which holds Amazon's public CAs. The token is
    percent-encoded (kombu decodes it): '#' would otherwise end the URL's authority."""
    return f"rediss://:{quote(token, safe='')}@{host}:{port}/0?ssl_cert_reqs=required"


def node_zones(zones: list[str], nodes: int) -> list[str]:
    """One zone per node, round the private subnets' zones: the first two always differ."""
    return list(islice(cycle(zones), nodes))


@dataclass(frozen=True)
class BrokerArgs:
    settings: BrokerSettings
    name_prefix: str
    cluster: ClusterIdentity
    # secrets.rotation.redisPassword: raising it generates a new AUTH token.
    token_rotation: int = 0


class ManagedBroker(pulumi.ComponentResource):
    url: pulumi.Output[str]  # a Pulumi secret
    replication_group: aws.elasticache.ReplicationGroup

    def __init__(self, name: str, args: BrokerArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("airflow-platform:broker:ManagedBroker", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        cfg = args.settings
        group_id = f"{args.name_prefix}-broker"[:REPLICATION_GROUP_ID_MAX]
        subnet_group, security_group = private_placement(
            aws.elasticache.SubnetGroup,
            name,
            args.cluster,
            identifier=group_id,
            port=REDIS_PORT,
            service=f"Valkey {group_id}",
            tag_name=group_id,
            parent=self,
            subnet_group_name=group_id,
        )
        token = random.RandomPassword(
            f"{name}-auth-token",
            length=TOKEN_LENGTH,
            special=True,
            override_special=TOKEN_SPECIALS,
            min_special=2,
            keepers={"rotation": str(args.token_rotation)} if args.token_rotation else None,
            opts=child,
        )
        self.replication_group = aws.elasticache.ReplicationGroup(
            f"{name}-group",
            args=_group_args(
                args,
                group_id,
                token,
                _parameter_group(name, group_id, self),
                subnet_group,
                security_group.id,
            ),
            opts=pulumi.ResourceOptions(
                parent=self, protect=cfg.protect, additional_secret_outputs=["authToken"]
            ),
        )
        self.url = pulumi.Output.secret(
            pulumi.Output.all(token.result, self.replication_group.primary_endpoint_address).apply(
                lambda parts: managed_broker_url(parts[0], parts[1])
            )
        )
        self.register_outputs({"url": self.url})


def _parameter_group(
    name: str, group_id: str, parent: pulumi.Resource
) -> aws.elasticache.ParameterGroup:
    """A broker must not evict: the family's default policy (volatile-lru) may drop keys kombu
    keeps with a TTL under memory pressure; noeviction refuses writes instead, loudly."""
    return aws.elasticache.ParameterGroup(
        f"{name}-params",
        name=f"{group_id}-{VALKEY_PARAMETER_FAMILY}",
        family=VALKEY_PARAMETER_FAMILY,
        description=f"{group_id}: Celery broker, nothing evicted",
        parameters=[
            aws.elasticache.ParameterGroupParameterArgs(name="maxmemory-policy", value="noeviction")
        ],
        opts=pulumi.ResourceOptions(parent=parent),
    )


def _group_args(
    args: BrokerArgs,
    group_id: str,
    token: random.RandomPassword,
    parameters: aws.elasticache.ParameterGroup,
    subnet_group: aws.elasticache.SubnetGroup,
    security_group_id: pulumi.Input[str],
) -> aws.elasticache.ReplicationGroupArgs:
    """Multi-AZ with failover, nodes in distinct zones, encrypted in transit and at rest."""
    cfg = args.settings
    zones = sorted({subnet.availability_zone for subnet in args.cluster.private_subnets})
    return aws.elasticache.ReplicationGroupArgs(
        replication_group_id=group_id,
        description=f"Celery broker of {args.name_prefix}",
        engine="valkey",
        engine_version=VALKEY_ENGINE_VERSION,
        parameter_group_name=parameters.name,
        node_type=cfg.node_type,
        num_cache_clusters=cfg.nodes,
        preferred_cache_cluster_azs=node_zones(zones, cfg.nodes),
        multi_az_enabled=True,
        automatic_failover_enabled=True,
        port=REDIS_PORT,
        subnet_group_name=subnet_group.name,
        security_group_ids=[security_group_id],
        transit_encryption_enabled=True,
        transit_encryption_mode="required",
        at_rest_encryption_enabled=True,
        kms_key_id=cfg.kms_key_arn,
        auth_token=token.result,
        # A rotated token is added beside the old one: pods still holding it keep working.
        auth_token_update_strategy="ROTATE",
        snapshot_retention_limit=cfg.snapshot_retention_days,
        snapshot_window=cfg.snapshot_window if cfg.snapshot_retention_days else None,
        maintenance_window=cfg.maintenance_window,
        auto_minor_version_upgrade=True,
        final_snapshot_identifier=f"{group_id}-final" if cfg.protect else None,
        tags={"Name": group_id},
    )
