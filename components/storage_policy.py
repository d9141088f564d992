"""The EFS file system policy: mounts only by the CSI driver's role, through access points, over
TLS, never as root (pure functions, no resources)."""

from __future__ import annotations

from components.iam import deny_without_tls, policy_document

MOUNT_ACTIONS = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
ROOT_ACCESS = "elasticfilesystem:ClientRootAccess"
ACCESS_POINT_KEY = "elasticfilesystem:AccessPointArn"
# The add-on's two service accounts: the controller creates and deletes access points (AWS API
# calls only); the node plugin mounts, with the `iam` mount option, as the same IRSA role (the
# add-on annotates both accounts with its one role).
CSI_SERVICE_ACCOUNTS = ["efs-csi-controller-sa", "efs-csi-node-sa"]
# What the StorageClass's volumes must mount with for this policy to admit them: TLS (else the
# deny below) and IAM (else the client is anonymous, and only the driver's role is allowed).
MOUNT_OPTIONS = ["tls", "iam"]


def access_points_of(file_system_arn: str) -> str:
    """The ARN pattern of the access points in the file system's account and region."""
    account_and_region = file_system_arn.split(":file-system/")[0]
    return f"{account_and_region}:access-point/*"


def file_system_policy(file_system_arn: str, driver_role_arn: str) -> str:
    """The policy replacing EFS's implicit allow-all.

    Allowed: mount and write by the driver's role, through a mount target and an access point
    (which enforces Airflow's uid/gid). Denied to everyone, whatever their IAM policies say:
    anything without TLS, a mount or write without an access point, and root access.
    """
    everyone = {"AWS": "*"}
    return policy_document(
        [
            {
                "Sid": "AllowDriverMountsThroughAccessPoints",
                "Effect": "Allow",
                "Principal": {"AWS": driver_role_arn},
                "Action": MOUNT_ACTIONS,
                "Resource": file_system_arn,
                "Condition": {
                    "Bool": {"elasticfilesystem:AccessedViaMountTarget": "true"},
                    "ArnLike": {ACCESS_POINT_KEY: access_points_of(file_system_arn)},
                },
            },
            deny_without_tls("*", file_system_arn),
            {
                "Sid": "DenyMountsWithoutAccessPoint",
                "Effect": "Deny",
                "Principal": everyone,
                "Action": MOUNT_ACTIONS,
                "Resource": file_system_arn,
                "Condition": {"Null": {ACCESS_POINT_KEY: "true"}},
            },
            {
                "Sid": "DenyRootAccess",
                "Effect": "Deny",
                "Principal": everyone,
                "Action": ROOT_ACCESS,
                "Resource": file_system_arn,
            },
        ]
    )
