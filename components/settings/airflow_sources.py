"""Where Airflow's code and secrets come from: the image, the DAGs and the connections."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from components.pins import AIRFLOW_IMAGE_REPOSITORY, AIRFLOW_VERSION
from components.settings.dag_bundle import GitBundleSettings
from components.settings.errors import cross_field
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
            raise cross_field(
                "credentialsSecret",
                "an ssh repository needs credentialsSecret; allowed: the name of an existing "
                "Secret with key gitSshKey, e.g. airflow-git-ssh",
            )
        if self.uses_ssh and not self.known_hosts:
            raise cross_field(
                "knownHosts",
                "an ssh repository needs knownHosts (without it git-sync would accept any host "
                "key); allowed: the server's host key line from ssh-keyscan, e.g. "
                "'github.com ssh-ed25519 AAAA...'",
            )
        if not self.uses_ssh and self.known_hosts:
            raise cross_field(
                "knownHosts",
                "knownHosts only applies to ssh repositories; allowed: unset with an https "
                "repository, e.g. remove the key",
            )
        return self


class DagPersistenceSettings(ConfigModel):
    size: StorageQuantity = Field(default="10Gi", description="Size of the RWX DAG claim.")


class DagSettings(ConfigModel):
    source: Literal["image", "gitSync", "gitBundle", "persistence"] = Field(
        description="Where DAGs come from: baked into the image, git-sync, an Airflow 3 git DAG "
        "bundle (versioned), or an EFS claim."
    )
    git_sync: GitSyncSettings | None = None
    git_bundle: GitBundleSettings | None = None
    persistence: DagPersistenceSettings | None = None

    @model_validator(mode="before")
    @classmethod
    def _persistence_block_defaults(cls, data: Any) -> Any:
        # Every persistence key has a default, so `source: persistence` alone is complete.
        if isinstance(data, dict) and data.get("source") == "persistence":
            return {"persistence": {}, **data}
        return data

    @model_validator(mode="after")
    def _one_source(self) -> DagSettings:
        blocks = {
            "gitSync": self.git_sync,
            "gitBundle": self.git_bundle,
            "persistence": self.persistence,
        }
        given = [source for source, block in blocks.items() if block is not None]
        if len(given) > 1:
            raise cross_field(
                given[1],
                f"{' and '.join(given)} are exclusive; allowed: one DAG source "
                "(image, gitSync, gitBundle or persistence), e.g. remove this block",
            )
        if self.source in ("gitSync", "gitBundle") and not given:
            raise cross_field(
                f"{self.source}.repository",
                f"source {self.source} needs a {self.source} block with a repository; allowed: "
                "an https://, ssh:// or git@host:path URL, e.g. https://github.com/acme/dags.git",
            )
        if given and given[0] != self.source:
            raise cross_field(
                "source",
                f"a {given[0]} block is only allowed with source {given[0]}; allowed: "
                f"{given[0]}, e.g. source: {given[0]}",
            )
        return self


class ConnectionSettings(ConfigModel):
    conn_id: ConnId = Field(description="Airflow connection id; exposed as AIRFLOW_CONN_<CONN_ID>.")
    secret_name: DnsSubdomain = Field(description="Existing Secret in the Airflow namespace.")
    secret_key: SecretKey = "uri"

    @property
    def env_name(self) -> str:
        return f"AIRFLOW_CONN_{self.conn_id.upper()}"
