"""Secrets generated once (pulumi_random) and the Kubernetes Secrets that hand them, and the URLs
built from them, to the chart by name.

Nothing regenerates a value but its rotation number (`secrets.rotation.<name>`): at 0 a value has
no keepers, exactly as before rotation existed; N > 0 is the keeper `{rotation: N}`, so raising it
replaces the random resource. The fernet key instead keeps one resource per generation: the current
one and the one before it, composed `new,old`, so values encrypted with the old key stay readable."""

from __future__ import annotations

import base64
from collections.abc import Callable

import pulumi
import pulumi_kubernetes as k8s
import pulumi_random as random

from components.airflow.addresses import (
    PGBOUNCER_PORT,
    broker_url,
    pgbouncer_database,
    pgbouncer_host,
)
from components.airflow.pgbouncer import pgbouncer_ini, pgbouncer_users
from components.airflow.secret_names import SecretNames
from components.postgres import DatabaseEndpoint, async_connection_url, connection_url
from components.settings import AirflowSettings, RotationSettings

ASYNC_CONNECTION_KEY = "asyncConnection"  # the metadata Secret's key for Airflow's async engine
UrlBuilder = Callable[[str, str, str, int, str], str]


def fernet_key_from_base64(standard_b64: str) -> str:
    """Fernet wants url-safe base64 of 32 bytes; random's RandomBytes gives standard base64."""
    return base64.urlsafe_b64encode(base64.b64decode(standard_b64)).decode()


class SecretWriter:
    """Creates the component's children: Opaque Secrets in its namespace, and random values.
    Resource names are `<component>-<what>`; Secret data travels as a Pulumi secret."""

    def __init__(self, prefix: str, namespace: pulumi.Input[str], parent: pulumi.Resource):
        self.prefix = prefix
        self.namespace = namespace
        self.parent = parent
        # Secret name -> the data written, for checksums of what a pod reads.
        self.written: dict[str, dict[str, pulumi.Input[str]]] = {}

    def options(self, protect: bool | None = None) -> pulumi.ResourceOptions:
        return pulumi.ResourceOptions(parent=self.parent, protect=protect)

    def password(self, what: str, length: int, rotation: int = 0) -> random.RandomPassword:
        return random.RandomPassword(
            f"{self.prefix}-{what}",
            length=length,
            special=False,
            keepers=rotation_keepers(rotation),
            opts=self.options(),
        )

    def secret(
        self, what: str, secret_name: str, data: dict[str, pulumi.Input[str]]
    ) -> k8s.core.v1.Secret:
        self.written[secret_name] = data
        return k8s.core.v1.Secret(
            f"{self.prefix}-{what}",
            metadata=k8s.meta.v1.ObjectMetaArgs(name=secret_name, namespace=self.namespace),
            type="Opaque",
            string_data=pulumi.Output.secret(data),
            opts=self.options(),
        )


def rotation_keepers(rotation: int) -> dict[str, str] | None:
    """None at rotation 0 (the inputs of a never-rotated value stay as they were)."""
    return {"rotation": str(rotation)} if rotation else None


def fernet_key_generation(
    writer: SecretWriter, generation: int, protect: bool
) -> pulumi.Output[str]:
    """One generation's key; generation 0 is the resource that existed before rotation."""
    suffix = f"-{generation}" if generation else ""
    key = random.RandomBytes(
        f"{writer.prefix}-fernet-key{suffix}",
        length=32,
        keepers=rotation_keepers(generation),
        opts=writer.options(protect=protect),
    )
    return key.base64.apply(fernet_key_from_base64)


def fernet_keys(writer: SecretWriter, generation: int, protect: bool) -> pulumi.Output[str]:
    """Airflow's fernet_key: the current key, then the previous generation's (MultiFernet
    encrypts with the first and decrypts with any). The current key is protected: losing it
    makes every stored connection password unreadable (airflow.protect); the previous one may go
    at the next rotation, once `airflow rotate-fernet-key` has re-encrypted everything."""
    current = fernet_key_generation(writer, generation, protect)
    if generation == 0:
        return current
    previous = fernet_key_generation(writer, generation - 1, protect=False)
    return pulumi.Output.all(current, previous).apply(lambda keys: ",".join(keys))


def api_secrets(
    writer: SecretWriter, names: SecretNames, protect_fernet_key: bool, rotation: RotationSettings
) -> list[pulumi.Resource]:
    """The fernet key(s), the API server's secret key and the JWT signing secret."""
    fernet_key = fernet_keys(writer, rotation.fernet_key, protect_fernet_key)
    api_secret_key = writer.password("api-secret-key", 64, rotation.api_secret_key)
    jwt_secret = writer.password("jwt-secret", 64, rotation.jwt_secret)
    return [
        writer.secret("fernet-key", names.fernet_key, {"fernet-key": fernet_key}),
        writer.secret(
            "api-secret-key", names.api_secret_key, {"api-secret-key": api_secret_key.result}
        ),
        writer.secret("jwt-secret", names.jwt_secret, {"jwt-secret": jwt_secret.result}),
    ]


def airflow_database_url(
    settings: AirflowSettings, database: DatabaseEndpoint, url: UrlBuilder = connection_url
) -> pulumi.Output[str]:
    """The URL Airflow connects with: through PgBouncer when it is on, else straight to RDS."""
    if settings.pgbouncer:
        host: pulumi.Input[str] = pgbouncer_host(settings)
        port: pulumi.Input[int] = PGBOUNCER_PORT
        name = pgbouncer_database(settings)
    else:
        host, port, name = database.address, database.port, database.name
    return pulumi.Output.all(database.password, host, port).apply(
        lambda resolved: url(database.username, resolved[0], resolved[1], int(resolved[2]), name)
    )


def database_secrets(
    writer: SecretWriter,
    settings: AirflowSettings,
    database: DatabaseEndpoint,
    keda_url: pulumi.Output[str] | None = None,
) -> list[pulumi.Resource]:
    """The metadata connection (`database`: the app role's), with Celery the result backend on
    the same database, and KEDA's own connection (`keda_url`) where the chart reads one."""
    names = SecretNames(settings.release_name)
    airflow_url = airflow_database_url(settings, database)
    metadata: dict[str, pulumi.Input[str]] = {
        "connection": airflow_url,
        # Airflow's async engine (asyncpg) cannot use the sync URL's sslmode: see postgres.py.
        ASYNC_CONNECTION_KEY: airflow_database_url(settings, database, async_connection_url),
    }
    if keda_url is not None:
        # The chart's KEDA scaler reads this key when PgBouncer is on and usePgbouncer false.
        metadata["kedaConnection"] = keda_url
    secrets: list[pulumi.Resource] = [writer.secret("metadata", names.metadata, metadata)]
    if settings.uses_celery:
        result_backend = airflow_url.apply(lambda url: f"db+{url}")
        secrets.append(
            writer.secret("result-backend", names.result_backend, {"connection": result_backend})
        )
    return secrets


def broker_secrets(
    writer: SecretWriter,
    settings: AirflowSettings,
    rotation: int = 0,
    managed_url: pulumi.Output[str] | None = None,
) -> list[pulumi.Resource]:
    """The Celery broker URL: the managed broker's, or the in-cluster Redis's with its password."""
    names = SecretNames(settings.release_name)
    if managed_url is not None:
        return [writer.secret("broker-url", names.broker_url, {"connection": managed_url})]
    redis_password = writer.password("redis-password", 32, rotation)
    url = redis_password.result.apply(lambda password: broker_url(settings, password))
    return [
        writer.secret("redis-password", names.redis_password, {"password": redis_password.result}),
        writer.secret("broker-url", names.broker_url, {"connection": url}),
    ]


def pgbouncer_secrets(
    writer: SecretWriter, settings: AirflowSettings, database: DatabaseEndpoint
) -> list[pulumi.Resource]:
    """PgBouncer's config and users file, and its exporter's connection to the admin console."""
    names = SecretNames(settings.release_name)
    ini = pulumi.Output.all(database.address, database.port).apply(
        lambda where: pgbouncer_ini(
            settings, where[0], int(where[1]), database.name, database.username
        )
    )
    users = database.password.apply(lambda pw: pgbouncer_users(database.username, pw))
    # The exporter sidecar reads SHOW STATS from PgBouncer's admin database.
    stats = database.password.apply(
        lambda pw: connection_url(database.username, pw, "127.0.0.1", PGBOUNCER_PORT, "pgbouncer")
    )
    return [
        writer.secret(
            "pgbouncer-config", names.pgbouncer_config, {"pgbouncer.ini": ini, "users.txt": users}
        ),
        writer.secret("pgbouncer-stats", names.pgbouncer_stats, {"connection": stats}),
    ]


def admin_password_secret(
    writer: SecretWriter, names: SecretNames, password_version: int
) -> tuple[pulumi.Output[str], k8s.core.v1.Secret]:
    """The break-glass admin's password (a secret output) and the Secret its Job reads it from.

    The only generated secret with a keeper: raising the version is how it is rotated."""
    password = random.RandomPassword(
        f"{writer.prefix}-admin-password",
        length=24,
        special=True,
        override_special="-_.~",
        min_special=1,
        keepers={"passwordVersion": str(password_version)},
        opts=writer.options(),
    )
    secret = writer.secret("admin-password", names.admin_password, {"password": password.result})
    return pulumi.Output.secret(password.result), secret
