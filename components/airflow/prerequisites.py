"""Secrets the stack names but does not create, looked up at preview.

Without the lookup a missing Secret surfaces only as pods that never start, after the release has
waited its full timeout. A read (`Secret.get`) runs during `pulumi preview` as during `up`, and the
Kubernetes provider fails it for a missing object; the read is named by the config key, so the
error names the key, the namespace and the Secret: `kubernetes:core/v1:Secret
(airflow-platform:airflow.auth.oidc.clientSecret.secretName): ... resource "airflow/airflow-oidc"
does not exist`. Pulumi keeps what it read encrypted in the state, as every Secret it manages.
"""

from __future__ import annotations

import pulumi
import pulumi_kubernetes as k8s

from components.settings import AirflowSettings, full_key


def required_secrets(settings: AirflowSettings) -> list[tuple[str, str]]:
    """(full config key, Secret name) of every existing Secret the settings refer to."""
    found: list[tuple[str, str]] = []
    git_sync = settings.dags.git_sync
    if git_sync is not None and git_sync.credentials_secret is not None:
        found.append(("airflow.dags.gitSync.credentialsSecret", git_sync.credentials_secret))
    bundle = settings.dags.git_bundle
    if bundle is not None and bundle.connection_secret is not None:
        found.append(("airflow.dags.gitBundle.connectionSecret", bundle.connection_secret))
    found += [
        (f"airflow.connections[{index}].secretName", connection.secret_name)
        for index, connection in enumerate(settings.connections)
    ]
    oidc = settings.auth.oidc
    if oidc is not None:
        found.append(("airflow.auth.oidc.clientSecret.secretName", oidc.client_secret.secret_name))
    return [(full_key(key), name) for key, name in found]


def look_up_secrets(settings: AirflowSettings, parent: pulumi.Resource) -> list[k8s.core.v1.Secret]:
    """One read per required Secret (one per name: two keys may name the same Secret)."""
    reads: dict[str, k8s.core.v1.Secret] = {}
    for key, name in required_secrets(settings):
        if name not in reads:
            reads[name] = k8s.core.v1.Secret.get(
                key,
                f"{settings.namespace}/{name}",
                # The provider marks Secret data secret already; said here too, to be sure.
                opts=pulumi.ResourceOptions(
                    parent=parent, additional_secret_outputs=["data", "stringData"]
                ),
            )
    return list(reads.values())
