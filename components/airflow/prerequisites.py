"""Secrets the stack names but does not create, looked up at preview.

Without the lookup a missing Secret surfaces only as pods that never start, after the release has
waited its full timeout. A read (`Secret.get`) runs during `pulumi preview` as during `up`, and the
Kubernetes provider fails it for a missing object; the read is named by the config key, so the
error names the key, the namespace and the Secret: `kubernetes:core/v1:Secret
(airflow-platform:airflow.auth.oidc.clientSecret.secretName): ... resource "airflow/airflow-oidc"
does not exist`. A Secret without a key the stack reads fails too, naming the key's setting.
Only key names are looked at; Pulumi keeps what it read encrypted in the state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_kubernetes as k8s

from components.settings import AirflowSettings, full_key


@dataclass(frozen=True)
class Prerequisite:
    config_key: str  # the full key naming the Secret
    secret_name: str
    data_keys: tuple[str, ...]  # keys the pods read from it
    key_setting: str  # the full key that chose those keys (or names the Secret's format)


def required_secrets(settings: AirflowSettings) -> list[Prerequisite]:
    """Every existing Secret the settings refer to, with the keys read from it."""
    found: list[Prerequisite] = []
    git_sync = settings.dags.git_sync
    if git_sync is not None and git_sync.credentials_secret is not None:
        key = full_key("airflow.dags.gitSync.credentialsSecret")
        keys = ("gitSshKey",) if git_sync.uses_ssh else ("GITSYNC_USERNAME", "GITSYNC_PASSWORD")
        found.append(Prerequisite(key, git_sync.credentials_secret, keys, key))
    bundle = settings.dags.git_bundle
    if bundle is not None and bundle.connection_secret is not None:
        found.append(
            Prerequisite(
                full_key("airflow.dags.gitBundle.connectionSecret"),
                bundle.connection_secret,
                (bundle.connection_secret_key,),
                full_key("airflow.dags.gitBundle.connectionSecretKey"),
            )
        )
    for index, connection in enumerate(settings.connections):
        key = f"airflow.connections[{index}]"
        found.append(
            Prerequisite(
                full_key(f"{key}.secretName"),
                connection.secret_name,
                (connection.secret_key,),
                full_key(f"{key}.secretKey"),
            )
        )
    oidc = settings.auth.oidc
    if oidc is not None:
        key = "airflow.auth.oidc.clientSecret"
        secret = oidc.client_secret
        found.append(
            Prerequisite(
                full_key(f"{key}.secretName"),
                secret.secret_name,
                (secret.key,),
                full_key(f"{key}.key"),
            )
        )
    return found


def missing_keys(
    prerequisite: Prerequisite, namespace: str, data: dict[str, Any] | None
) -> str | None:
    """The error for keys the Secret lacks, or None. No data at all is not judged (a read that
    returned none)."""
    if data is None:
        return None
    absent = [key for key in prerequisite.data_keys if key not in data]
    if not absent:
        return None
    return (
        f"{prerequisite.key_setting}: Secret {namespace}/{prerequisite.secret_name} has no key "
        f"{', '.join(repr(k) for k in absent)}; its keys: {', '.join(sorted(data)) or 'none'}"
    )


def look_up_secrets(settings: AirflowSettings, parent: pulumi.Resource) -> list[k8s.core.v1.Secret]:
    """One read per required Secret, each checked for the keys read from it."""
    reads: dict[str, k8s.core.v1.Secret] = {}
    for prerequisite in required_secrets(settings):
        name = prerequisite.secret_name
        if name not in reads:
            reads[name] = k8s.core.v1.Secret.get(
                prerequisite.config_key,
                f"{settings.namespace}/{name}",
                # The provider marks Secret data secret already; said here too, to be sure.
                opts=pulumi.ResourceOptions(
                    parent=parent, additional_secret_outputs=["data", "stringData"]
                ),
            )
        reads[name].data.apply(_checker(prerequisite, settings.namespace))
    return list(reads.values())


def _checker(prerequisite: Prerequisite, namespace: str) -> Callable[[Any], None]:
    """The check of one read's data: raises (failing the preview) for a missing key."""

    def check(data: dict[str, Any] | None) -> None:
        problem = missing_keys(prerequisite, namespace, data)
        if problem is not None:
            raise pulumi.RunError(problem)

    return check
