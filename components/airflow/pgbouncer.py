"""PgBouncer between Airflow and RDS: our own pgbouncer.ini and users file (the chart's would carry
default credentials and no TLS), and its client-side certificate from an in-namespace Issuer."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_kubernetes as k8s

from components.airflow.addresses import PGBOUNCER_PORT, pgbouncer_database
from components.airflow.secret_names import SecretNames
from components.settings import AirflowSettings

PGBOUNCER_TLS_MOUNT = "/etc/pgbouncer-tls"
# Protocol-level prepared statements PgBouncer tracks per server connection (1.21+). Airflow's
# clients prepare: psycopg 3 (SQLAlchemy 2.1's default driver) from a statement's 5th execution,
# asyncpg always. Without tracking, the transaction pool hands them a connection that lacks the
# statement ("prepared statement _pg3_0 does not exist"); explicit, not the image's default.
MAX_PREPARED_STATEMENTS = 200


def pgbouncer_ini(
    settings: AirflowSettings,
    database_host: str,
    database_port: int,
    database_name: str,
    username: str,
) -> str:
    """PgBouncer config: TLS required on both sides (clients in the cluster, and RDS).

    Ours replaces the chart's generated one, so the chart's pool values do not apply: the sizes
    come from the settings (airflow.pgbouncerPoolSize, airflow.pgbouncerMaxClientConnections).
    """
    return "\n".join(
        [
            "[databases]",
            f"{pgbouncer_database(settings)} = host={database_host} port={database_port} "
            f"dbname={database_name} pool_size={settings.pgbouncer_pool_size}",
            "",
            "[pgbouncer]",
            "pool_mode = transaction",
            f"listen_port = {PGBOUNCER_PORT}",
            "listen_addr = *",
            "auth_type = scram-sha-256",
            "auth_file = /etc/pgbouncer/users.txt",
            f"stats_users = {username}",
            "ignore_startup_parameters = extra_float_digits",
            f"max_client_conn = {settings.pgbouncer_max_client_connections}",
            f"max_prepared_statements = {MAX_PREPARED_STATEMENTS}",
            "server_tls_sslmode = require",
            "server_tls_protocols = secure",
            "client_tls_sslmode = require",
            f"client_tls_cert_file = {PGBOUNCER_TLS_MOUNT}/tls.crt",
            f"client_tls_key_file = {PGBOUNCER_TLS_MOUNT}/tls.key",
            "client_tls_protocols = secure",
            "",
        ]
    )


def pgbouncer_users(username: str, password: str) -> str:
    escaped = password.replace('"', '""')
    return f'"{username}" "{escaped}"\n'


def pgbouncer_certificate(settings: AirflowSettings, issuer: str) -> dict[str, Any]:
    """A cert-manager Certificate spec for PgBouncer's client-side TLS (self-signed is enough:
    clients use sslmode=require, i.e. encryption without CA verification inside the cluster)."""
    service = f"{settings.release_name}-pgbouncer"
    ns = settings.namespace
    return {
        "secretName": SecretNames(settings.release_name).pgbouncer_tls,
        "commonName": f"{service}.{ns}.svc",
        "dnsNames": [
            service,
            f"{service}.{ns}",
            f"{service}.{ns}.svc",
            f"{service}.{ns}.svc.cluster.local",
        ],
        "duration": "8760h",
        "renewBefore": "720h",
        "privateKey": {"algorithm": "ECDSA", "size": 256, "rotationPolicy": "Always"},
        "usages": ["server auth", "digital signature", "key encipherment"],
        "issuerRef": {"name": issuer, "kind": "Issuer", "group": "cert-manager.io"},
    }


def pgbouncer_client_tls(
    name: str,
    settings: AirflowSettings,
    namespace: pulumi.Input[str],
    cluster_issuer: pulumi.Resource,
    parent: pulumi.Resource,
) -> k8s.apiextensions.CustomResource:
    """A self-signed Issuer in the namespace, and the Certificate it issues; returns the latter."""
    issuer_name = f"{settings.release_name}-pgbouncer-selfsigned"
    issuer = k8s.apiextensions.CustomResource(
        f"{name}-pgbouncer-issuer",
        api_version="cert-manager.io/v1",
        kind="Issuer",
        metadata={"name": issuer_name, "namespace": namespace},
        spec={"selfSigned": {}},
        # cert-manager's CRDs and webhook answer once its ClusterIssuer exists.
        opts=pulumi.ResourceOptions(parent=parent, depends_on=[cluster_issuer]),
    )
    return k8s.apiextensions.CustomResource(
        f"{name}-pgbouncer-certificate",
        api_version="cert-manager.io/v1",
        kind="Certificate",
        metadata={"name": f"{settings.release_name}-pgbouncer", "namespace": namespace},
        spec=pgbouncer_certificate(settings, issuer_name),
        opts=pulumi.ResourceOptions(parent=parent, depends_on=[issuer]),
    )
