"""An Airflow 3 DAG bundle as the DAG source (`airflow.dags.gitBundle`).

Unlike git-sync, a versioned bundle records the commit each DAG version was parsed from, and each
run executes the commit it started with, even after newer commits arrive.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from components.settings.errors import cross_field
from components.settings.types import (
    ConfigModel,
    DnsSubdomain,
    GitBranch,
    GitRepository,
    GitSubPath,
    SecretKey,
)

# The bundle's name in Airflow (DAG versions and runs refer to it) and its git connection's id.
GIT_BUNDLE_NAME = "dags"
GIT_BUNDLE_CONN_ID = "git_dags"


class GitBundleSettings(ConfigModel):
    repository: GitRepository = Field(
        description="Git repository URL (https://..., ssh://... or git@host:path)."
    )
    tracking_ref: GitBranch = Field(default="main", description="Branch or tag the bundle follows.")
    subdir: GitSubPath = Field(default="", description="Folder of the DAGs in the repository.")
    connection_secret: DnsSubdomain | None = Field(
        default=None,
        description="Existing Secret holding the git connection in Airflow's JSON form, e.g. "
        '{"conn_type": "git", "login": "x-access-token", "password": "<token>"} for https; '
        "ssh repositories put private_key and known_hosts_file in its extra. Exposed as "
        f"AIRFLOW_CONN_{GIT_BUNDLE_CONN_ID.upper()}.",
    )
    connection_secret_key: SecretKey = Field(
        default="connection", description="Key of the connection in connectionSecret."
    )
    refresh_interval_seconds: int = Field(
        default=300, ge=30, le=86400, description="How often the bundle fetches new commits."
    )

    @property
    def uses_ssh(self) -> bool:
        return not self.repository.startswith("https://")

    @model_validator(mode="after")
    def _ssh_has_credentials(self) -> GitBundleSettings:
        if self.uses_ssh and self.connection_secret is None:
            raise cross_field(
                "connectionSecret",
                "an ssh repository needs connectionSecret; allowed: an existing Secret with the "
                'git connection, e.g. {"conn_type": "git", "extra": {"private_key": "...", '
                '"known_hosts_file": "..."}}',
            )
        return self
