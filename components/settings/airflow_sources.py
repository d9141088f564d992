"""Where Airflow's code and secrets come from: the image, the DAGs and the connections."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from components.pins import AIRFLOW_IMAGE_REPOSITORY, AIRFLOW_VERSION
from components.settings.types import (
    Airflow3Version,
    ConfigModel,
    ConnId,
    DnsSubdomain,
    GitBranch,
    GitRepository,
    GitSubPath,
    ImageRepository,
    ImageTag,
    SecretKey,
    StorageQuantity,
)


class ImageSettings(ConfigModel):
    repository: ImageRepository = Field(
        default=AIRFLOW_IMAGE_REPOSITORY,
        description="Airflow image repository, or 'ecr' for the repository the program creates "
        "(registry.enabled).",
    )
    tag: ImageTag = Field(default=AIRFLOW_VERSION, description="Image tag; never 'latest'.")
    airflow_version: Airflow3Version = Field(
        default=AIRFLOW_VERSION,
        description="Airflow version inside the image (3.x.y).",
    )

    @field_validator("tag")
    @classmethod
    def _no_floating_tag(cls, tag: str) -> str:
        if tag == "latest":
            raise ValueError("allowed: a pinned tag; 'latest' is not reproducible")
        return tag


class GitSyncSettings(ConfigModel):
    repository: GitRepository = Field(
        description="Git repository URL (https://..., ssh://... or git@host:path)."
    )
    branch: GitBranch = "main"
    sub_path: GitSubPath = ""
    credentials_secret: DnsSubdomain | None = Field(
        default=None,
        description="Existing Secret: GITSYNC_USERNAME/GITSYNC_PASSWORD for https, "
        "gitSshKey for ssh repositories.",
    )
    period_seconds: int = Field(default=60, ge=5, le=3600)
    known_hosts: str | None = Field(
        default=None,
        description="known_hosts line(s) of the git server; required for ssh repositories "
        "(without them git-sync skips host key verification).",
    )

    @property
    def uses_ssh(self) -> bool:
        return not self.repository.startswith("https://")

    @model_validator(mode="after")
    def _ssh_is_verified(self) -> GitSyncSettings:
        if self.uses_ssh and self.credentials_secret is None:
            raise ValueError(
                "an ssh repository needs credentialsSecret (an existing Secret with key gitSshKey)"
            )
        if self.uses_ssh and not self.known_hosts:
            raise ValueError(
                "an ssh repository needs knownHosts (the server's host key line, e.g. from "
                "ssh-keyscan); without it git-sync would accept any host key"
            )
        if not self.uses_ssh and self.known_hosts:
            raise ValueError("knownHosts only applies to ssh repositories")
        return self


class DagPersistenceSettings(ConfigModel):
    size: StorageQuantity = Field(default="10Gi", description="Size of the RWX DAG claim.")


class DagSettings(ConfigModel):
    source: Literal["image", "gitSync", "persistence"] = Field(
        description="Where DAGs come from: baked into the image, git-sync, or an EFS claim."
    )
    git_sync: GitSyncSettings | None = None
    persistence: DagPersistenceSettings | None = None

    @model_validator(mode="after")
    def _one_source(self) -> DagSettings:
        if self.git_sync is not None and self.persistence is not None:
            raise ValueError(
                "gitSync and persistence are exclusive; allowed: one DAG source "
                "(image, gitSync or persistence)"
            )
        if self.source == "gitSync" and self.git_sync is None:
            raise ValueError("source gitSync needs a gitSync block with at least a repository")
        if self.source != "gitSync" and self.git_sync is not None:
            raise ValueError(
                f"a gitSync block is only allowed with source gitSync, not {self.source}"
            )
        if self.source != "persistence" and self.persistence is not None:
            raise ValueError(
                f"a persistence block is only allowed with source persistence, not {self.source}"
            )
        return self


class ConnectionSettings(ConfigModel):
    conn_id: ConnId = Field(description="Airflow connection id; exposed as AIRFLOW_CONN_<CONN_ID>.")
    secret_name: DnsSubdomain = Field(description="Existing Secret in the Airflow namespace.")
    secret_key: SecretKey = "uri"

    @property
    def env_name(self) -> str:
        return f"AIRFLOW_CONN_{self.conn_id.upper()}"
