"""The shared EFS file system and its StorageClass."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictBool, field_validator, model_validator

from components.settings.errors import cross_field
from components.settings.types import (
    EFS_IA_TRANSITION_DAYS,
    IAM_ROLE_ARN,
    AbsolutePath,
    ConfigModel,
    DnsSubdomain,
    IamRoleArn,
    KmsKeyArn,
    customer_kms_key,
    one_of,
)


class StorageSettings(ConfigModel):
    storage_class_name: DnsSubdomain = Field(
        default="efs-sc", description="Name of the RWX StorageClass."
    )
    transition_to_ia_days: int = Field(
        description=f"Days before files move to Infrequent Access; one of {EFS_IA_TRANSITION_DAYS}."
    )
    install_csi_driver: StrictBool = Field(
        default=True,
        description="Install the EFS CSI driver add-on (off for clusters that already run it).",
    )
    csi_driver_role_arn: IamRoleArn | None = Field(
        default=None,
        description="With installCsiDriver false: the IAM role the cluster's own EFS CSI driver "
        "mounts with (its node service account's role); the file system policy allows mounts "
        "to this role only.",
    )
    base_path: AbsolutePath = Field(
        default="/airflow", description="Directory under which access points are created."
    )
    kms_key_arn: KmsKeyArn | None = customer_kms_key("EFS", "an AWS key")
    protect: StrictBool = Field(
        description="Pulumi protection of the file system: a destroy or a replacement stops with "
        "an error instead of deleting it."
    )
    automatic_backups: StrictBool = Field(
        description="AWS Backup's daily backups of the file system."
    )
    reclaim_policy: Literal["Retain", "Delete"] = Field(
        description="What happens to a volume's directory when its claim is deleted."
    )

    @field_validator("transition_to_ia_days")
    @classmethod
    def _known_transition(cls, days: int) -> int:
        return one_of(days, EFS_IA_TRANSITION_DAYS)

    @model_validator(mode="after")
    def _driver_role_when_the_driver_is_not_ours(self) -> StorageSettings:
        example = IAM_ROLE_ARN.example
        if not self.install_csi_driver and self.csi_driver_role_arn is None:
            raise cross_field(
                "csiDriverRoleArn",
                "required when installCsiDriver is false: the role your EFS CSI driver's node "
                f"plugin mounts with (the file system admits no one else), e.g. {example}",
            )
        if self.install_csi_driver and self.csi_driver_role_arn is not None:
            raise cross_field(
                "csiDriverRoleArn",
                "allowed only with installCsiDriver false (the program creates the add-on's "
                "role otherwise); remove it, or set installCsiDriver to false",
            )
        return self
