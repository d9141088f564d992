"""The shared EFS file system and its StorageClass."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictBool, field_validator

from components.settings.types import (
    EFS_IA_TRANSITION_DAYS,
    AbsolutePath,
    ConfigModel,
    DnsSubdomain,
    KmsKeyArn,
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
    base_path: AbsolutePath = Field(
        default="/airflow", description="Directory under which access points are created."
    )
    kms_key_arn: KmsKeyArn | None = Field(default=None, description="Customer KMS key for EFS.")
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
