"""airflow-platform: Apache Airflow 3 on an existing EKS cluster.

    settings ─► cluster context (AWS + Kubernetes providers)
                   │
                   ├─► Database (RDS PostgreSQL)        ─┐
                   ├─► ManagedBroker (ElastiCache)      ─┤
                   ├─► SharedStorage (EFS StorageClass) ─┤
                   ├─► CertManager (+ ClusterIssuer)    ─┼─► Airflow (official chart)
                   ├─► Keda                             ─┤
                   ├─► TaskLogBucket (S3, optional)     ─┤
                   └─► AirflowIdentity (IRSA roles)     ─┘
                                                          │
    Monitoring (ServiceMonitors, alerts, dashboard; RDS/EFS alarms) ◄─┘

RDS and ElastiCache depend on nothing in Kubernetes, so Pulumi creates them in parallel with the
add-ons.
"""

import pulumi

from components.airflow import Airflow, AirflowArgs, AirflowAws
from components.airflow_identity import AirflowIdentity, AirflowIdentityArgs
from components.broker import BrokerArgs, ManagedBroker
from components.cert_manager import CertManager, CertManagerArgs
from components.cluster import lookup_cluster
from components.database import Database, DatabaseArgs
from components.dns import HostRecord, HostRecordArgs
from components.keda import Keda, KedaArgs
from components.monitoring.component import AwsAccount, Monitoring, MonitoringArgs
from components.monitoring.target import AirflowTarget
from components.registry import ImageRegistry, ImageRegistryArgs
from components.settings import PROGRAM_REGISTRY, PROJECT, SettingsError, load_settings
from components.storage import SharedStorage, SharedStorageArgs
from components.task_logs import TaskLogBucket, TaskLogBucketArgs, bucket_name

try:
    settings = load_settings()
except SettingsError as error:
    # Reported without a traceback, before any resource is registered.
    raise pulumi.RunError(str(error)) from None

stack = pulumi.get_stack()
name_prefix = f"{PROJECT}-{stack}"
cluster = lookup_cluster(settings, stack)
aws_only = pulumi.ResourceOptions(providers=[cluster.aws_provider])
aws_and_k8s = pulumi.ResourceOptions(providers=[cluster.aws_provider, cluster.k8s_provider])
k8s_only = pulumi.ResourceOptions(providers=[cluster.k8s_provider])
identity = cluster.identity
remote_logs = settings.airflow.logs.s3
try:
    log_bucket_name = bucket_name(remote_logs, stack, identity.account_id)
except SettingsError as error:
    raise pulumi.RunError(str(error)) from None

database = Database(
    "metadata-db",
    DatabaseArgs(
        settings=settings.database,
        identifier=name_prefix,
        cluster=identity,
        airflow_version=settings.airflow.image.airflow_version,
        password_rotation=settings.secrets.rotation.database_password,
    ),
    opts=aws_only,
)

broker = None
if settings.airflow.uses_celery and settings.broker.managed:
    broker = ManagedBroker(
        "broker",
        BrokerArgs(
            settings=settings.broker,
            name_prefix=name_prefix,
            cluster=identity,
            token_rotation=settings.secrets.rotation.redis_password,
        ),
        opts=aws_only,
    )

storage = SharedStorage(
    "shared-storage",
    SharedStorageArgs(settings=settings.storage, name_prefix=name_prefix, cluster=identity),
    opts=aws_and_k8s,
)

cert_manager = CertManager(
    "cert-manager",
    CertManagerArgs(
        settings=settings.cert_manager,
        cluster=identity,
        ingress_class_name=settings.airflow.ingress_class_name,
        hosts=[settings.airflow.host],
    ),
    opts=aws_and_k8s,
)

keda = Keda("keda", KedaArgs(settings=settings.keda), opts=k8s_only)

registry = None
image_repository: pulumi.Input[str] = settings.airflow.image.repository
if settings.registry.enabled:
    registry = ImageRegistry(
        "image-registry",
        ImageRegistryArgs(
            settings=settings.registry,
            repository_name=settings.registry.repository_name or f"{name_prefix}/airflow",
            partition=identity.partition,
            account_id=identity.account_id,
        ),
        opts=aws_only,
    )
    if settings.airflow.image.repository == PROGRAM_REGISTRY:
        image_repository = registry.repository_url

task_logs = None
if remote_logs.enabled:
    task_logs = TaskLogBucket(
        "task-logs",
        TaskLogBucketArgs(
            settings=remote_logs,
            retention_days=settings.airflow.logs.retention_days,
            bucket_name=log_bucket_name,
        ),
        opts=aws_only,
    )

airflow_identity = AirflowIdentity(
    "airflow-identity",
    AirflowIdentityArgs(
        settings=settings.airflow,
        cluster=identity,
        log_bucket_arn=task_logs.bucket_arn if task_logs else None,
    ),
    opts=aws_only,
)

airflow = Airflow(
    "airflow",
    AirflowArgs(
        settings=settings.airflow,
        trusted_proxy_cidrs=list(identity.vpc_cidrs),
        database=database.endpoint,
        storage_class_name=storage.storage_class_name,
        cluster_issuer_name=cert_manager.issuer_name,
        image_repository=image_repository,
        cluster_issuer=cert_manager.cluster_issuer,
        keda_release=keda.release,
        rotation=settings.secrets.rotation,
        database_restored_from=(
            settings.database.restore.source if settings.database.restore else None
        ),
        managed_broker_url=broker.url if broker is not None else None,
        aws=AirflowAws(
            region=identity.region,
            role_arns=airflow_identity.role_arns,
            log_bucket_name=task_logs.bucket_name if task_logs else None,
            ready=[*airflow_identity.ready, *(task_logs.ready if task_logs else [])],
        ),
    ),
    opts=k8s_only,
)

if settings.dns.enabled:
    HostRecord(
        "airflow-dns",
        HostRecordArgs(settings=settings.dns, host=settings.airflow.host),
        opts=aws_only,
    )

monitoring = Monitoring(
    "monitoring",
    MonitoringArgs(
        settings=settings.monitoring,
        name_prefix=name_prefix,
        target=AirflowTarget(
            namespace=settings.airflow.namespace,
            release_name=settings.airflow.release_name,
            pgbouncer=settings.airflow.pgbouncer,
        ),
        airflow_release=airflow.release,
        db_instance_id=database.instance.identifier,
        file_system_id=storage.file_system_id,
        account=AwsAccount(identity.partition, identity.region, identity.account_id),
    ),
    opts=aws_and_k8s,
)

pulumi.export("airflowUrl", airflow.url)
pulumi.export("airflowNamespace", airflow.namespace)
pulumi.export("airflowReleaseName", airflow.release_name)
pulumi.export("databaseAddress", database.address)
pulumi.export("databasePort", database.port)
if broker is not None:
    pulumi.export("brokerAddress", broker.replication_group.primary_endpoint_address)
pulumi.export("fileSystemId", storage.file_system_id)
pulumi.export("storageClassName", storage.storage_class_name)
pulumi.export("clusterIssuerName", cert_manager.issuer_name)
pulumi.export("kedaNamespace", keda.namespace)
pulumi.export("taskRoleArn", airflow_identity.task_role_arn)
if task_logs is not None:
    pulumi.export("taskLogBucketName", task_logs.bucket_name)
if monitoring.alarm_topic_arn is not None:
    pulumi.export("alarmTopicArn", monitoring.alarm_topic_arn)
if registry is not None:
    pulumi.export("imageRepositoryUrl", registry.repository_url)
    if registry.push_role_arn is not None:
        pulumi.export("imagePushRoleArn", registry.push_role_arn)
    if registry.pull_role_arn is not None:
        pulumi.export("imagePullRoleArn", registry.pull_role_arn)
if airflow.admin_password is not None:
    pulumi.export("adminUsername", airflow.admin_username)
    pulumi.export("adminPassword", airflow.admin_password)
