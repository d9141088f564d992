"""components/airflow/pgbouncer.py: PgBouncer's config, users file and client certificate."""

from __future__ import annotations

import configparser

from sqlalchemy.engine import make_url

from components.airflow.pgbouncer import pgbouncer_ini, pgbouncer_users
from components.airflow.secret_names import SecretNames
from tests.airflow.conftest import airflow_settings, secret_data, values
from tests.conftest import ProgramRun, crd_schema_errors


def test_pgbouncer_forces_tls_to_rds_and_from_clients(prod_run: ProgramRun) -> None:
    config = secret_data(prod_run, "pgbouncer-config")
    ini = configparser.ConfigParser()
    ini.read_string(config["pgbouncer.ini"])
    assert ini["pgbouncer"]["server_tls_sslmode"] == "require"
    assert ini["pgbouncer"]["client_tls_sslmode"] == "require"
    assert ini["pgbouncer"]["listen_port"] == "6543"
    assert ini["pgbouncer"]["auth_file"] == "/etc/pgbouncer/users.txt"
    target = ini["databases"]["airflow-metadata"]
    assert f"host={prod_run.outputs['databaseAddress']}" in target and "dbname=airflow" in target
    password = prod_run.state(
        prod_run.one("random:index/randomPassword:RandomPassword", "airflow-database-app-password")
    )["result"]
    # PgBouncer logs in to RDS as the app role (its stats user too), never as the master.
    assert config["users.txt"] == f'"airflow_app" "{password}"\n'
    assert ini["pgbouncer"]["stats_users"] == "airflow_app"
    stats = make_url(secret_data(prod_run, "pgbouncer-stats")["connection"])
    assert (stats.host, stats.port, stats.database) == ("127.0.0.1", 6543, "pgbouncer")
    assert stats.query["sslmode"] == "require" and stats.password == password
    assert stats.username == "airflow_app"
    pgb = values(prod_run)["pgbouncer"]
    assert pgb["enabled"] is True
    assert pgb["configSecretName"] == SecretNames("airflow").pgbouncer_config
    assert (
        pgb["metricsExporterSidecar"]["statsSecretName"] == SecretNames("airflow").pgbouncer_stats
    )
    mounts = {m["name"]: m["mountPath"] for m in pgb["extraVolumeMounts"]}
    assert ini["pgbouncer"]["client_tls_cert_file"].startswith(mounts["client-tls"])


def test_pgbouncer_keeps_prepared_statements_in_its_transaction_pool(prod_run: ProgramRun) -> None:
    """psycopg 3 and asyncpg prepare statements server-side; PgBouncer (1.21+) must track them, or
    a later transaction lands on a server connection without them. The integration tier's Debian
    PgBouncer (1.18) lacks the setting: it drops it and prints so; this asserts it."""
    ini = configparser.ConfigParser()
    ini.read_string(secret_data(prod_run, "pgbouncer-config")["pgbouncer.ini"])
    assert ini["pgbouncer"]["pool_mode"] == "transaction"
    assert int(ini["pgbouncer"]["max_prepared_statements"]) >= 100


def test_pgbouncer_client_certificate_validates_against_its_crd(prod_run: ProgramRun) -> None:
    certificate = prod_run.one("kubernetes:cert-manager.io/v1:Certificate").inputs
    assert crd_schema_errors("cert-manager.io/certificate_v1.json", certificate) == []
    assert (
        certificate["spec"]["secretName"]
        == values(prod_run)["pgbouncer"]["extraVolumes"][0]["secret"]["secretName"]
    )
    issuer = prod_run.one("kubernetes:cert-manager.io/v1:Issuer")
    assert issuer.urn in prod_run.one("kubernetes:cert-manager.io/v1:Certificate").dependencies
    assert prod_run.one("kubernetes:cert-manager.io/v1:ClusterIssuer").urn in issuer.dependencies


def test_users_file_escapes_double_quotes() -> None:
    # PgBouncer's auth_file doubles a quote inside a quoted field. RDS rejects '"' in passwords,
    # but should that change, a quote must still not end the field early.
    assert pgbouncer_users("airflow", 'a"b') == '"airflow" "a""b"\n'


def test_pool_sizes_come_from_the_settings() -> None:
    settings = airflow_settings(
        **{"airflow.pgbouncerPoolSize": 35, "airflow.pgbouncerMaxClientConnections": 700}
    )
    ini = configparser.ConfigParser()
    ini.read_string(pgbouncer_ini(settings, "db.example", 5432, "airflow", "airflow"))
    assert "pool_size=35" in ini["databases"]["airflow-metadata"]
    assert ini["pgbouncer"]["max_client_conn"] == "700"
