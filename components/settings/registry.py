"""The Amazon ECR repository the program creates for the Airflow image (`registry`)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictBool, StringConstraints, field_validator

from components.settings.types import ConfigModel, KmsKeyArn, Pattern, customer_kms_key

ECR_REPOSITORY_NAME = Pattern(
    r"^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$",
    "lowercase letters, digits, '.', '_' or '-' in path components separated by '/'",
    "data-platform/airflow",
)
GITHUB_SUBJECT = Pattern(
    r"^repo:[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+:(environment:[A-Za-z0-9_.-]+|ref:refs/heads/[A-Za-z0-9_./-]+)$",
    "a GitHub Actions subject of one repository's environment or branch, without wildcards "
    "(pull requests never get registry access)",
    "repo:example-org/airflow-dags:environment:dev",
)
# The value of `airflow.image.repository` that runs the image from this registry.
PROGRAM_REGISTRY = "ecr"

EcrRepositoryName = Annotated[str, StringConstraints(pattern=ECR_REPOSITORY_NAME.regex)]
GitHubSubject = Annotated[str, StringConstraints(pattern=GITHUB_SUBJECT.regex)]


class RegistrySettings(ConfigModel):
    enabled: StrictBool = Field(
        description="Create the ECR repository for the Airflow image; its URL is the stack "
        "output imageRepositoryUrl, and airflow.image.repository 'ecr' runs the image from it."
    )
    repository_name: EcrRepositoryName | None = Field(
        default=None,
        description="ECR repository name (default airflow-platform-<stack>/airflow).",
    )
    keep_images: int = Field(
        ge=1,
        le=10000,
        description="The lifecycle rule keeps this many newest images and expires the rest: "
        "keep more than any stack could still run or roll back to.",
    )
    kms_key_arn: KmsKeyArn | None = customer_kms_key("the images", "ECR's AES-256")
    protect: StrictBool = Field(
        description="Pulumi refuses to delete the repository, and never deletes it with images "
        "in it; unprotected, `pulumi destroy` removes it with its images."
    )

    push_subjects: list[GitHubSubject] = Field(
        default_factory=list,
        description="GitHub Actions subjects that may push images (the DAG repository's "
        "workflow); with any, the program creates the push role, output imagePushRoleArn.",
    )
    pull_subjects: list[GitHubSubject] = Field(
        default_factory=list,
        description="GitHub Actions subjects that may pull images (promotion to prod copies dev's "
        "image); with any, the program creates the pull role, output imagePullRoleArn.",
    )

    @field_validator("repository_name")
    @classmethod
    def _ecr_length(cls, name: str | None) -> str | None:
        if name is not None and not 2 <= len(name) <= 256:
            raise ValueError(f"allowed: 2 to 256 characters, e.g. {ECR_REPOSITORY_NAME.example}")
        return name
