"""The Amazon ECR repository for the Airflow image with the DAGs baked in.

Tags are immutable, so a tag names one image for good: the tag a stack runs is the image CI tested.
Every push is scanned; a lifecycle rule keeps the newest images and expires the rest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from components.registry_access import (
    PULL_ACTIONS,
    PUSH_ACTIONS,
    github_actions_role,
    github_provider_arn,
)
from components.settings import RegistrySettings


def lifecycle_policy(keep_images: int) -> str:
    """ECR lifecycle policy: expire everything but the newest `keep_images` images."""
    return json.dumps(
        {
            "rules": [
                {
                    "rulePriority": 1,
                    "description": f"keep the newest {keep_images} images",
                    "selection": {
                        "tagStatus": "any",
                        "countType": "imageCountMoreThan",
                        "countNumber": keep_images,
                    },
                    "action": {"type": "expire"},
                }
            ]
        },
        sort_keys=True,
    )


def encryption(kms_key_arn: str | None) -> aws.ecr.RepositoryEncryptionConfigurationArgs:
    """The configured customer KMS key, else ECR's default AES-256 encryption."""
    if kms_key_arn:
        return aws.ecr.RepositoryEncryptionConfigurationArgs(
            encryption_type="KMS", kms_key=kms_key_arn
        )
    return aws.ecr.RepositoryEncryptionConfigurationArgs(encryption_type="AES256")


@dataclass(frozen=True)
class ImageRegistryArgs:
    settings: RegistrySettings
    # The decided repository name: the setting, or a name derived from project and stack.
    repository_name: str
    partition: str
    account_id: str


class ImageRegistry(pulumi.ComponentResource):
    repository_url: pulumi.Output[str]
    repository_arn: pulumi.Output[str]
    push_role_arn: pulumi.Output[str] | None
    pull_role_arn: pulumi.Output[str] | None

    def __init__(
        self, name: str, args: ImageRegistryArgs, opts: pulumi.ResourceOptions | None = None
    ):
        super().__init__("airflow-platform:registry:ImageRegistry", name, None, opts)
        cfg = args.settings
        repository = aws.ecr.Repository(
            f"{name}-repository",
            name=args.repository_name,
            image_tag_mutability="IMMUTABLE",
            image_scanning_configuration=aws.ecr.RepositoryImageScanningConfigurationArgs(
                scan_on_push=True
            ),
            encryption_configurations=[encryption(cfg.kms_key_arn)],
            # An unprotected (dev) repository goes with `pulumi destroy`, images and all.
            force_delete=not cfg.protect,
            opts=pulumi.ResourceOptions(parent=self, protect=cfg.protect),
        )
        aws.ecr.LifecyclePolicy(
            f"{name}-lifecycle",
            repository=repository.name,
            policy=lifecycle_policy(cfg.keep_images),
            opts=pulumi.ResourceOptions(parent=self),
        )
        self.repository_url = repository.repository_url
        self.repository_arn = repository.arn
        self.push_role_arn = self._ci_role(f"{name}-push", args, cfg.push_subjects, PUSH_ACTIONS)
        self.pull_role_arn = self._ci_role(f"{name}-pull", args, cfg.pull_subjects, PULL_ACTIONS)
        self.register_outputs(
            {
                "repositoryUrl": self.repository_url,
                "repositoryArn": self.repository_arn,
                "pushRoleArn": self.push_role_arn,
                "pullRoleArn": self.pull_role_arn,
            }
        )

    def _ci_role(
        self, name: str, args: ImageRegistryArgs, subjects: list[str], actions: tuple[str, ...]
    ) -> pulumi.Output[str] | None:
        if not subjects:
            return None
        return github_actions_role(
            name,
            provider_arn=github_provider_arn(args.partition, args.account_id),
            subjects=subjects,
            repository_arn=self.repository_arn,
            actions=actions,
            parent=self,
        ).arn
