"""Shared storage: an encrypted EFS file system, its CSI driver and a ReadWriteMany StorageClass."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws
import pulumi_kubernetes as k8s

from components.cluster_identity import ClusterIdentity
from components.iam import service_accounts_trust_policy
from components.network import cluster_only_security_group
from components.pins import EFS_CSI_DRIVER_ADDON_VERSION
from components.settings import StorageSettings
from components.storage_policy import CSI_SERVICE_ACCOUNTS, MOUNT_OPTIONS, file_system_policy

NFS_PORT = 2049
EFS_PROVISIONER = "efs.csi.aws.com"
# Airflow's image runs as uid 50000 with gid 0; the chart's log volume must be writable by gid 0.
AIRFLOW_UID = "50000"
AIRFLOW_GID = "0"


@dataclass(frozen=True)
class SharedStorageArgs:
    settings: StorageSettings
    name_prefix: str
    cluster: ClusterIdentity


class SharedStorage(pulumi.ComponentResource):
    file_system_id: pulumi.Output[str]
    storage_class_name: pulumi.Output[str]
    storage_class: k8s.storage.v1.StorageClass

    def __init__(
        self,
        name: str,
        args: SharedStorageArgs,
        opts: pulumi.ResourceOptions | None = None,
    ):
        super().__init__("airflow-platform:storage:SharedStorage", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        cfg = args.settings
        cluster = args.cluster

        file_system = self._file_system(name, args)
        aws.efs.BackupPolicy(
            f"{name}-backup",
            file_system_id=file_system.id,
            backup_policy=aws.efs.BackupPolicyBackupPolicyArgs(
                status="ENABLED" if cfg.automatic_backups else "DISABLED"
            ),
            opts=child,
        )
        driver, driver_role_arn = (
            self._csi_driver(name, cluster)
            if cfg.install_csi_driver
            else (None, pulumi.Output.from_input(str(cfg.csi_driver_role_arn)))
        )
        self._file_system_policy(name, file_system, driver_role_arn)
        security_group = cluster_only_security_group(
            name,
            vpc_id=cluster.vpc_id,
            cluster_security_group_id=cluster.cluster_security_group_id,
            port=NFS_PORT,
            service=f"EFS {args.name_prefix} (NFS)",
            tag_name=f"{args.name_prefix}-efs",
            parent=self,
        )
        # Settings guarantee one subnet per zone: EFS refuses a second mount target in a zone.
        driver_dependencies: list[pulumi.Resource] = [
            aws.efs.MountTarget(
                f"{name}-mount-{subnet.availability_zone}",
                file_system_id=file_system.id,
                subnet_id=subnet.id,
                security_groups=[security_group.id],
                opts=child,
            )
            for subnet in cluster.private_subnets
        ]
        if driver is not None:
            driver_dependencies.append(driver)
        self.storage_class = self._storage_class(name, cfg, file_system, driver_dependencies)

        self.file_system_id = file_system.id
        self.storage_class_name = self.storage_class.metadata.apply(
            lambda meta: meta.name or cfg.storage_class_name
        )
        self.register_outputs(
            {
                "fileSystemId": self.file_system_id,
                "storageClassName": self.storage_class_name,
            }
        )

    def _file_system_policy(
        self, name: str, file_system: aws.efs.FileSystem, driver_role_arn: pulumi.Output[str]
    ) -> aws.efs.FileSystemPolicy:
        # Named when it held only the TLS rule; renaming it would change its URN.
        return aws.efs.FileSystemPolicy(
            f"{name}-tls-only",
            file_system_id=file_system.id,
            policy=pulumi.Output.all(file_system.arn, driver_role_arn).apply(
                lambda arns: file_system_policy(arns[0], arns[1])
            ),
            opts=pulumi.ResourceOptions(parent=self),
        )

    def _file_system(self, name: str, args: SharedStorageArgs) -> aws.efs.FileSystem:
        days = args.settings.transition_to_ia_days
        return aws.efs.FileSystem(
            f"{name}-fs",
            creation_token=f"{args.name_prefix}-shared",
            encrypted=True,
            kms_key_id=args.settings.kms_key_arn,
            performance_mode="generalPurpose",
            throughput_mode="elastic",
            lifecycle_policies=[
                aws.efs.FileSystemLifecyclePolicyArgs(
                    transition_to_ia=f"AFTER_{days}_DAY" + ("S" if days > 1 else "")
                ),
                aws.efs.FileSystemLifecyclePolicyArgs(
                    transition_to_primary_storage_class="AFTER_1_ACCESS"
                ),
            ],
            tags={"Name": f"{args.name_prefix}-shared"},
            opts=pulumi.ResourceOptions(parent=self, protect=args.settings.protect),
        )

    def _csi_driver(
        self, name: str, cluster: ClusterIdentity
    ) -> tuple[aws.eks.Addon, pulumi.Output[str]]:
        """The EKS add-on and its IRSA role (AWS's managed EFS CSI policy: access points' API
        calls); the add-on gives the role to controller and node plugin, which mounts with it."""
        child = pulumi.ResourceOptions(parent=self)
        role = aws.iam.Role(
            f"{name}-csi-driver",
            description="EFS CSI driver (IRSA on the cluster's OIDC issuer)",
            assume_role_policy=service_accounts_trust_policy(
                cluster.oidc_provider_arn,
                cluster.oidc_provider_host,
                "kube-system",
                CSI_SERVICE_ACCOUNTS,
            ),
            opts=child,
        )
        policy = aws.iam.RolePolicyAttachment(
            f"{name}-csi-driver-policy",
            role=role.name,
            policy_arn=f"arn:{cluster.partition}:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy",
            opts=child,
        )
        addon = aws.eks.Addon(
            f"{name}-csi-driver",
            cluster_name=cluster.name,
            addon_name="aws-efs-csi-driver",
            addon_version=EFS_CSI_DRIVER_ADDON_VERSION,
            service_account_role_arn=role.arn,
            resolve_conflicts_on_create="OVERWRITE",
            resolve_conflicts_on_update="PRESERVE",
            opts=pulumi.ResourceOptions(parent=self, depends_on=[policy]),
        )
        return addon, role.arn

    def _storage_class(
        self,
        name: str,
        cfg: StorageSettings,
        file_system: aws.efs.FileSystem,
        depends_on: list[pulumi.Resource],
    ) -> k8s.storage.v1.StorageClass:
        return k8s.storage.v1.StorageClass(
            f"{name}-storage-class",
            metadata=k8s.meta.v1.ObjectMetaArgs(name=cfg.storage_class_name),
            provisioner=EFS_PROVISIONER,
            parameters={
                "provisioningMode": "efs-ap",
                "fileSystemId": file_system.id,
                "directoryPerms": "775",
                "uid": AIRFLOW_UID,
                "gid": AIRFLOW_GID,
                "basePath": cfg.base_path,
                # A claim re-created under the same name (e.g. after a Helm reinstall) finds its
                # old directory, and so its logs, again instead of starting a new unique one.
                "subPathPattern": "${.PVC.namespace}/${.PVC.name}",
                "ensureUniqueDirectory": "false",
            },
            # Required by the file system policy: TLS, and the driver's IAM identity.
            mount_options=MOUNT_OPTIONS,
            allow_volume_expansion=True,
            reclaim_policy=cfg.reclaim_policy,
            volume_binding_mode="Immediate",
            # StorageClass parameters are immutable and the name is fixed: replace by delete first.
            # Existing volumes are unaffected by a StorageClass replacement.
            opts=pulumi.ResourceOptions(
                parent=self, depends_on=depends_on, delete_before_replace=True
            ),
        )
