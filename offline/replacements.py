"""Which input changes make Pulumi replace a resource rather than update it in place.

One entry per resource type the program registers (a test keeps it so). Where the sets come from:
- aws:*  pulumi-aws bridges terraform-provider-aws; a property replaces when the Terraform schema
  marks it `ForceNew: true` (SDK resources) or gives it a `RequiresReplace` plan modifier
  (framework resources), read in internal/service/<service>/<resource>.go. Names are the Pulumi
  (camelCase) ones; the SNS subscription's `topic_arn` is Pulumi's `topic`.
- random:*  terraform-provider-random's RandomPassword/Bytes/Id have no update: every argument
  carries `RequiresReplace`.
- kubernetes:*  pulumi-kubernetes provider/pkg/provider/forcenew.go: `.metadata.name` and
  `.metadata.namespace` of every kind, plus ConfigMap data, Secret type, StorageClass
  provisioner/parameters. A Helm release is upgraded in place, but Helm keys a release by name
  and namespace, so changing either installs another one.
- pulumi:providers:*  a provider whose region or cluster changes is replaced, and with it
  everything it manages.
- airflow-platform:*  components hold no cloud state: they are never replaced themselves.
"""

from __future__ import annotations

_RANDOM = frozenset(
    {"keepers", "length", "byteLength", "prefix", "special", "upper", "lower", "numeric"}
    | {"number", "minLower", "minUpper", "minNumeric", "minSpecial", "overrideSpecial"}
)
_NAMED = frozenset({"name", "namePrefix"})
_KUBERNETES = frozenset({"metadata.name", "metadata.namespace"})
_COMPONENT = frozenset[str]()

FORCE_NEW: dict[str, frozenset[str]] = {
    "aws:rds/instance:Instance": frozenset(
        {"identifier", "identifierPrefix", "snapshotIdentifier", "restoreToPointInTime"}
        | {"dbName", "username", "engine", "kmsKeyId", "storageEncrypted", "availabilityZone"}
        | {"characterSetName", "ncharCharacterSetName", "timezone", "customIamInstanceProfile"}
    ),
    "aws:rds/snapshot:Snapshot": frozenset({"dbInstanceIdentifier", "dbSnapshotIdentifier"}),
    "aws:rds/parameterGroup:ParameterGroup": _NAMED | {"family", "description"},
    "aws:rds/subnetGroup:SubnetGroup": _NAMED,
    # Also replaced on an engine or version downgrade (a CustomizeDiff the table cannot express).
    "aws:elasticache/replicationGroup:ReplicationGroup": frozenset(
        {"replicationGroupId", "atRestEncryptionEnabled", "kmsKeyId", "port", "subnetGroupName"}
        | {"dataTieringEnabled", "globalReplicationGroupId", "networkType", "securityGroupNames"}
        | {"snapshotArns", "snapshotName"}
    ),
    "aws:elasticache/parameterGroup:ParameterGroup": frozenset({"name", "family", "description"}),
    "aws:elasticache/subnetGroup:SubnetGroup": frozenset({"name"}),
    "aws:cloudwatch/logGroup:LogGroup": _NAMED | {"logGroupClass"},
    "aws:cloudwatch/metricAlarm:MetricAlarm": frozenset({"name"}),
    "aws:ec2/securityGroup:SecurityGroup": _NAMED | {"description", "vpcId"},
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": frozenset({"securityGroupId"}),
    "aws:ecr/repository:Repository": frozenset({"name", "encryptionConfigurations"}),
    # terraform-provider-aws s3: a bucket's name, and the bucket each sub-resource configures
    "aws:s3/bucket:Bucket": frozenset({"bucket", "bucketPrefix"}),
    "aws:s3/bucketPolicy:BucketPolicy": frozenset({"bucket"}),
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": frozenset({"bucket"}),
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": frozenset({"bucket"}),
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": frozenset(
        {"bucket", "expectedBucketOwner"}
    ),
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": (
        frozenset({"bucket", "expectedBucketOwner"})
    ),
    "aws:ecr/lifecyclePolicy:LifecyclePolicy": frozenset({"repository", "policy"}),
    "aws:efs/fileSystem:FileSystem": frozenset(
        {"creationToken", "encrypted", "kmsKeyId", "performanceMode", "availabilityZoneName"}
    ),
    "aws:efs/backupPolicy:BackupPolicy": frozenset({"fileSystemId"}),
    "aws:efs/fileSystemPolicy:FileSystemPolicy": frozenset({"fileSystemId"}),
    "aws:efs/mountTarget:MountTarget": frozenset(
        {"fileSystemId", "subnetId", "ipAddress", "ipAddressType", "ipv6Address"}
    ),
    "aws:eks/addon:Addon": frozenset({"clusterName", "addonName"}),
    "aws:iam/role:Role": _NAMED | {"path"},
    "aws:iam/rolePolicy:RolePolicy": _NAMED | {"role"},
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": frozenset({"role", "policyArn"}),
    "aws:route53/record:Record": frozenset({"zoneId", "name"}),
    "aws:sns/topic:Topic": _NAMED | {"fifoTopic"},
    "aws:sns/topicPolicy:TopicPolicy": frozenset({"arn"}),
    "aws:sns/topicSubscription:TopicSubscription": frozenset({"topic", "protocol", "endpoint"}),
    "random:index/randomPassword:RandomPassword": _RANDOM,
    "random:index/randomBytes:RandomBytes": _RANDOM,
    "random:index/randomId:RandomId": _RANDOM,
    "kubernetes:core/v1:ConfigMap": _KUBERNETES | {"data", "binaryData"},
    "kubernetes:core/v1:Secret": _KUBERNETES | {"type"},
    "kubernetes:core/v1:Namespace": _KUBERNETES,
    # A Job's pod template and selector are immutable in Kubernetes.
    "kubernetes:batch/v1:Job": _KUBERNETES | {"spec.selector", "spec.template"},
    "kubernetes:storage.k8s.io/v1:StorageClass": _KUBERNETES | {"provisioner", "parameters"},
    "kubernetes:networking.k8s.io/v1:NetworkPolicy": _KUBERNETES,
    "kubernetes:cert-manager.io/v1:Certificate": _KUBERNETES,
    "kubernetes:cert-manager.io/v1:ClusterIssuer": _KUBERNETES,
    "kubernetes:cert-manager.io/v1:Issuer": _KUBERNETES,
    "kubernetes:monitoring.coreos.com/v1:PrometheusRule": _KUBERNETES,
    "kubernetes:monitoring.coreos.com/v1:ServiceMonitor": _KUBERNETES,
    "kubernetes:helm.sh/v3:Release": frozenset({"name", "namespace"}),
    "pulumi:providers:aws": frozenset({"region"}),
    "pulumi:providers:kubernetes": frozenset({"kubeconfig"}),
    "airflow-platform:airflow:Airflow": _COMPONENT,
    "airflow-platform:broker:ManagedBroker": _COMPONENT,
    "airflow-platform:cert_manager:CertManager": _COMPONENT,
    "airflow-platform:database:Database": _COMPONENT,
    "airflow-platform:dns:HostRecord": _COMPONENT,
    "airflow-platform:keda:Keda": _COMPONENT,
    "airflow-platform:monitoring:Monitoring": _COMPONENT,
    "airflow-platform:registry:ImageRegistry": _COMPONENT,
    "airflow-platform:airflow_identity:AirflowIdentity": _COMPONENT,
    "airflow-platform:task_logs:TaskLogBucket": _COMPONENT,
    "airflow-platform:storage:SharedStorage": _COMPONENT,
}


class UnknownResourceTypeError(KeyError):
    """A type with no entry: the plan cannot say whether a change of it replaces."""


def replaced_by(resource_type: str, changed_paths: list[str]) -> list[str]:
    """The changed input paths (dotted, as the plan diff flattens them) that force a replacement."""
    if resource_type not in FORCE_NEW:
        raise UnknownResourceTypeError(
            f"{resource_type} has no entry in offline/replacements.py: read its provider schema "
            "and add the properties that force a replacement"
        )
    force_new = FORCE_NEW[resource_type]
    return [
        path
        for path in changed_paths
        if path.split("[")[0] in force_new
        or path.split(".")[0].split("[")[0] in force_new
        or ".".join(path.split(".")[:2]) in force_new
    ]
