"""components/airflow.py: the official chart wired to RDS, EFS, cert-manager and KEDA."""

from __future__ import annotations

import base64
import configparser
import json
from typing import Any

import pytest
from cryptography.fernet import Fernet
from sqlalchemy.engine import make_url

from components.airflow import SecretNames
from tests.conftest import (
    DELETE,
    ProgramRun,
    airflow_options,
    cached_run,
    chart_defaults,
    chart_schema_errors,
    crd_schema_errors,
    execute_program,
)

RELEASE = "kubernetes:helm.sh/v3:Release"
KNOWN_HOSTS = (
    "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
)
SECRET = "kubernetes:core/v1:Secret"


def release(run: ProgramRun):
    return run.one(RELEASE, "airflow-release")


def values(run: ProgramRun) -> dict[str, Any]:
    return release(run).inputs["values"]


def secret_data(run: ProgramRun, resource_name: str) -> dict[str, str]:
    return run.one(SECRET, f"airflow-{resource_name}").inputs["stringData"]


def test_chart_and_image_are_pinned(any_run: ProgramRun) -> None:
    inputs = release(any_run).inputs
    assert (inputs["chart"], inputs["version"]) == ("airflow", "1.22.0")
    assert inputs["repositoryOpts"]["repo"] == "https://airflow.apache.org"
    assert inputs["namespace"] == "airflow"
    v = values(any_run)
    assert v["images"]["airflow"]["tag"] != "latest"
    assert v["airflowVersion"].startswith("3.")


def test_image_is_configurable(prod_run: ProgramRun, dev_run: ProgramRun) -> None:
    assert values(dev_run)["images"]["airflow"] == {
        "repository": "apache/airflow",
        "tag": "3.2.2",
        "pullPolicy": "IfNotPresent",
    }
    assert values(prod_run)["images"]["airflow"]["repository"].endswith(
        ".amazonaws.com/airflow-dags"
    )
    assert values(prod_run)["defaultAirflowTag"] == values(prod_run)["images"]["airflow"]["tag"]


def test_values_validate_against_the_chart_schema(any_run: ProgramRun) -> None:
    assert chart_schema_errors("airflow", values(any_run)) == []


@pytest.mark.parametrize(
    "executor", ["KubernetesExecutor", "CeleryExecutor,KubernetesExecutor", "LocalExecutor"]
)
@pytest.mark.parametrize(
    "dags",
    [
        {"source": "image", "gitSync": DELETE},
        {"source": "persistence", "persistence": {"size": "5Gi"}, "gitSync": DELETE},
        {
            "source": "gitSync",
            "gitSync": {
                "repository": "git@github.com:o/dags.git",
                "credentialsSecret": "git-ssh",
                "knownHosts": KNOWN_HOSTS,
            },
        },
    ],
)
def test_every_variant_validates_against_the_chart_schema(executor: str, dags: dict) -> None:
    run = cached_run("dev", {"airflow-platform:airflow": {"executor": executor, "dags": dags}})
    assert chart_schema_errors("airflow", values(run)) == []


def test_schema_check_can_fail(dev_run: ProgramRun) -> None:
    # The chart's schema accepts unknown top-level keys (Helm would ignore this typo silently);
    # the check flags them anyway, and nested typos through the schema itself.
    bad = {**values(dev_run), "schedular": {"replicas": 2}}
    assert any(e.startswith("schedular:") for e in chart_schema_errors("airflow", bad))
    nested = {**values(dev_run), "scheduler": {**values(dev_run)["scheduler"], "replica": 2}}
    assert any("replica" in e for e in chart_schema_errors("airflow", nested))


def test_every_config_option_is_one_airflow_reads(any_run: ProgramRun) -> None:
    options = airflow_options()
    renamed = {tuple(r["old"]) for r in options["deprecated_options"]}
    for section, entries in values(any_run)["config"].items():
        for option in entries:
            assert option in options["sections"].get(section, {}), (
                f"[{section}] {option} is unknown"
            )
            assert (section, option) not in renamed, f"[{section}] {option} was renamed"


def test_option_check_catches_the_obsolete_names() -> None:
    options = airflow_options()
    renamed = {tuple(r["old"]) for r in options["deprecated_options"]}
    assert "dag_concurrency" not in options["sections"]["core"]
    assert "kubernetes" not in options["sections"]
    assert ("core", "sql_alchemy_conn") in renamed


def test_performance_tuning_per_environment(prod_run: ProgramRun, dev_run: ProgramRun) -> None:
    prod = values(prod_run)["config"]
    assert prod["core"]["parallelism"] >= 128
    assert prod["kubernetes_executor"]["worker_pods_creation_batch_size"] >= 16
    assert prod["kubernetes_executor"]["delete_worker_pods"] == "True"
    assert prod["scheduler"]["scheduler_heartbeat_sec"] > 0
    assert (
        prod["dag_processor"]["parsing_processes"]
        > values(dev_run)["config"]["dag_processor"]["parsing_processes"]
    )
    assert "kubernetes_executor" not in values(dev_run)["config"], (
        "only with the Kubernetes executor"
    )


def test_keda_query_uses_the_configured_worker_concurrency(any_run: ProgramRun) -> None:
    v = values(any_run)
    defaults = chart_defaults("airflow")
    query = v["workers"]["celery"]["keda"].get("query") or defaults["workers"]["keda"]["query"]
    assert "{{ .Values.config.celery.worker_concurrency }}" in query
    assert v["config"]["celery"]["worker_concurrency"] == (16 if any_run.stack == "prod" else 8)


def test_no_generated_secret_appears_in_the_values(any_run: ProgramRun) -> None:
    text = json.dumps(values(any_run))
    secrets = any_run.generated_secrets()
    assert len(secrets) >= 5
    for secret in secrets:
        assert secret not in text
        assert base64.b64encode(secret.encode()).decode() not in text
    fernet = secret_data(any_run, "fernet-key")["fernet-key"]
    assert fernet not in text


def test_secrets_are_passed_by_name_only(any_run: ProgramRun) -> None:
    v = values(any_run)
    names = SecretNames("airflow")
    assert v["fernetKeySecretName"] == names.fernet_key
    assert v["apiSecretKeySecretName"] == names.api_secret_key
    assert v["jwtSecretName"] == names.jwt_secret
    assert v["data"]["metadataSecretName"] == names.metadata
    assert v["redis"]["passwordSecretName"] == names.redis_password
    assert v["data"]["brokerUrlSecretName"] == names.broker_url
    for key in ("fernetKey", "apiSecretKey", "jwtSecret", "webserverSecretKey"):
        assert key not in v
    assert "metadataConnection" not in v["data"] and "brokerUrl" not in v["data"]
    assert v["postgresql"]["enabled"] is False


def test_secret_names_cannot_collide_with_the_charts_own(any_run: ProgramRun) -> None:
    chart_names = {
        f"airflow-{suffix}"
        for suffix in (
            "fernet-key",
            "api-secret-key",
            "jwt-secret",
            "webserver-secret-key",
            "redis-password",
            "broker-url",
            "airflow-metadata",
            "airflow-result-backend",
            "pgbouncer-config",
            "pgbouncer-stats",
            "pgbouncer-certificates",
            "ssh-secret",
            "registry",
        )
    }
    ours = {s.inputs["metadata"]["name"] for s in any_run.by_type(SECRET)}
    assert ours and not ours & chart_names
    assert all("-managed-" in name for name in ours)


def test_fernet_key_is_a_valid_fernet_key(any_run: ProgramRun) -> None:
    key = secret_data(any_run, "fernet-key")["fernet-key"]
    token = Fernet(key.encode()).encrypt(b"connection password")
    assert Fernet(key.encode()).decrypt(token) == b"connection password"
    raw = any_run.state(any_run.one("random:index/randomBytes:RandomBytes"))["base64"]
    assert base64.urlsafe_b64decode(key) == base64.b64decode(raw)


def test_generated_secrets_are_stable(any_run: ProgramRun) -> None:
    for registration in any_run.registrations:
        if registration.type.startswith("random:"):
            assert "keepers" not in registration.inputs, f"{registration.name} would rotate"
    for name in ("fernet-key", "api-secret-key", "jwt-secret", "metadata"):
        secret = any_run.one(SECRET, f"airflow-{name}")
        assert secret.redacted_inputs["stringData"] == "[secret]"


def test_dev_metadata_url_points_at_rds_with_tls(dev_run: ProgramRun) -> None:
    url = make_url(secret_data(dev_run, "metadata")["connection"])
    password = dev_run.state(
        dev_run.one("random:index/randomPassword:RandomPassword", "metadata-db-master-password")
    )["result"]
    assert url.host == dev_run.outputs["databaseAddress"]
    assert (url.port, url.database, url.username) == (5432, "airflow", "airflow")
    assert url.password == password
    assert url.query["sslmode"] == "require"
    assert set(secret_data(dev_run, "metadata")) == {"connection"}


def test_prod_metadata_url_goes_through_pgbouncer_to_rds_with_tls(prod_run: ProgramRun) -> None:
    data = secret_data(prod_run, "metadata")
    password = prod_run.state(
        prod_run.one("random:index/randomPassword:RandomPassword", "metadata-db-master-password")
    )["result"]
    via_pgbouncer = make_url(data["connection"])
    assert (via_pgbouncer.host, via_pgbouncer.port) == ("airflow-pgbouncer.airflow", 6543)
    assert via_pgbouncer.database == "airflow-metadata"
    assert via_pgbouncer.password == password and via_pgbouncer.query["sslmode"] == "require"
    # The KEDA scaler (usePgbouncer: false) reads the direct URL from the same Secret.
    direct = make_url(data["kedaConnection"])
    assert direct.host == prod_run.outputs["databaseAddress"]
    assert direct.password == password and direct.query["sslmode"] == "require"
    assert values(prod_run)["workers"]["celery"]["keda"]["usePgbouncer"] is False


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
        prod_run.one("random:index/randomPassword:RandomPassword", "metadata-db-master-password")
    )["result"]
    assert config["users.txt"] == f'"airflow" "{password}"\n'
    stats = make_url(secret_data(prod_run, "pgbouncer-stats")["connection"])
    assert (stats.host, stats.port, stats.database) == ("127.0.0.1", 6543, "pgbouncer")
    assert stats.query["sslmode"] == "require" and stats.password == password
    pgb = values(prod_run)["pgbouncer"]
    assert pgb["enabled"] is True
    assert pgb["configSecretName"] == SecretNames("airflow").pgbouncer_config
    assert (
        pgb["metricsExporterSidecar"]["statsSecretName"] == SecretNames("airflow").pgbouncer_stats
    )
    mounts = {m["name"]: m["mountPath"] for m in pgb["extraVolumeMounts"]}
    assert ini["pgbouncer"]["client_tls_cert_file"].startswith(mounts["client-tls"])


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


def test_pgbouncer_off_in_dev(dev_run: ProgramRun) -> None:
    assert values(dev_run)["pgbouncer"] == {"enabled": False}
    assert dev_run.by_type("kubernetes:cert-manager.io/v1:Certificate") == []


def test_result_backend_and_broker_secrets(any_run: ProgramRun) -> None:
    backend = secret_data(any_run, "result-backend")["connection"]
    assert backend.startswith("db+postgresql://")
    assert backend.removeprefix("db+") == secret_data(any_run, "metadata")["connection"]
    redis_password = secret_data(any_run, "redis-password")["password"]
    broker = secret_data(any_run, "broker-url")["connection"]
    assert broker == f"redis://:{redis_password}@airflow-redis:6379/0"


def test_migration_and_user_jobs_have_hooks_and_custom_env_off(dev_run: ProgramRun) -> None:
    v = values(dev_run)
    for job in ("migrateDatabaseJob", "createUserJob"):
        assert v[job]["useHelmHooks"] is False
        assert v[job]["applyCustomEnv"] is False
    assert release(dev_run).inputs["waitForJobs"] is True


def test_no_default_admin(dev_run: ProgramRun, prod_run: ProgramRun) -> None:
    assert values(prod_run)["createUserJob"] == {"enabled": False}
    job = values(dev_run)["createUserJob"]
    assert job["enabled"] is True
    assert "password" not in job.get("defaultUser", {})
    script = " ".join(job["args"])
    assert "$AIRFLOW_ADMIN_PASSWORD" in script and "admin/admin" not in script
    env = {e["name"]: e for e in job["env"]}
    assert env["AIRFLOW_ADMIN_PASSWORD"]["valueFrom"]["secretKeyRef"] == {
        "name": SecretNames("airflow").admin_password,
        "key": "password",
    }
    assert secret_data(dev_run, "admin-password")["password"] == dev_run.outputs["adminPassword"]


@pytest.mark.parametrize(
    ("dags", "expected"),
    [
        (
            {"source": "image", "gitSync": DELETE},
            {"persistence": {"enabled": False}, "gitSync": {"enabled": False}},
        ),
        (
            {"source": "persistence", "persistence": {"size": "5Gi"}, "gitSync": DELETE},
            {
                "persistence": {
                    "enabled": True,
                    "accessMode": "ReadWriteMany",
                    "storageClassName": "efs-sc",
                    "size": "5Gi",
                    "annotations": {},
                },
                "gitSync": {"enabled": False},
            },
        ),
    ],
)
def test_dag_modes(dags: dict, expected: dict) -> None:
    run = cached_run("dev", {"airflow-platform:airflow": {"dags": dags}})
    assert values(run)["dags"] == expected


def ssh_git_sync(**extra: str) -> dict[str, Any]:
    """Overrides switching the dev stack's git-sync to an ssh repository."""
    git = {"repository": "git@github.com:o/d.git", "credentialsSecret": "dags-ssh", **extra}
    return {"airflow-platform:airflow": {"dags": {"gitSync": git}}}


def test_git_sync_mode(dev_run: ProgramRun) -> None:
    git = values(dev_run)["dags"]["gitSync"]
    assert git["enabled"] is True
    assert git["repo"] == "https://github.com/example-org/airflow-dags.git"
    assert (git["branch"], git["subPath"]) == ("main", "dags")
    assert values(dev_run)["dags"]["persistence"] == {"enabled": False}
    ssh = cached_run("dev", ssh_git_sync(knownHosts=KNOWN_HOSTS))
    assert values(ssh)["dags"]["gitSync"]["sshKeySecret"] == "dags-ssh"
    assert values(ssh)["dags"]["gitSync"]["knownHosts"] == KNOWN_HOSTS
    assert "credentialsSecret" not in values(ssh)["dags"]["gitSync"]


def test_ssh_git_sync_without_host_keys_is_rejected() -> None:
    execution = execute_program("dev", ssh_git_sync())
    assert "airflow-platform:airflow.dags.gitSync:" in str(execution.error)
    assert "knownHosts" in str(execution.error)
    assert execution.monitor.registrations == []


def test_git_sync_and_persistence_together_is_rejected() -> None:
    execution = execute_program(
        "dev", {"airflow-platform:airflow": {"dags": {"persistence": {"size": "5Gi"}}}}
    )
    assert "airflow-platform:airflow.dags:" in str(execution.error)
    assert "exclusive" in str(execution.error)
    assert execution.monitor.registrations == []


def test_logs_on_efs_and_no_per_pod_volumes(any_run: ProgramRun) -> None:
    v = values(any_run)
    assert v["logs"]["persistence"]["enabled"] is True
    assert v["logs"]["persistence"]["storageClassName"] == "efs-sc"
    assert v["workers"]["celery"]["persistence"]["enabled"] is False
    assert v["triggerer"]["persistence"]["enabled"] is False
    keep = v["logs"]["persistence"]["annotations"].get("helm.sh/resource-policy")
    assert keep == ("keep" if any_run.stack == "prod" else None)


@pytest.mark.parametrize(
    ("executor", "keda"),
    [
        ("CeleryExecutor", True),
        ("KubernetesExecutor", False),
        ("CeleryExecutor,KubernetesExecutor", True),
        ("KubernetesExecutor,CeleryExecutor", True),
        ("LocalExecutor", False),
    ],
)
def test_keda_on_exactly_when_celery_is_an_executor(executor: str, keda: bool) -> None:
    run = cached_run("dev", {"airflow-platform:airflow": {"executor": executor}})
    v = values(run)
    assert v["executor"] == executor
    assert v["workers"]["celery"]["keda"]["enabled"] is keda
    assert v["redis"]["enabled"] is keda
    assert ("celery" in v["config"]) is keda


def test_keda_replica_bounds_from_config() -> None:
    run = cached_run(
        "prod", {"airflow-platform:airflow": {"workers": {"minReplicas": 3, "maxReplicas": 42}}}
    )
    keda = values(run)["workers"]["celery"]["keda"]
    assert (keda["minReplicaCount"], keda["maxReplicaCount"]) == (3, 42)


def test_ingress_with_tls_from_the_cluster_issuer(any_run: ProgramRun) -> None:
    ingress = values(any_run)["ingress"]["apiServer"]
    assert ingress["enabled"] is True
    assert ingress["ingressClassName"] == "traefik"
    assert (
        ingress["annotations"]["cert-manager.io/cluster-issuer"]
        == any_run.outputs["clusterIssuerName"]
    )
    host = "airflow.example.com" if any_run.stack == "prod" else "airflow.dev.example.com"
    assert ingress["hosts"] == [
        {"name": host, "tls": {"enabled": True, "secretName": "airflow-api-server-tls"}}
    ]
    api = values(any_run)["apiServer"]
    assert "--proxy-headers" in api["args"][-1]
    # The VPC's CIDRs, secondary ones included (VPC CNI custom networking puts pods there).
    assert {"name": "FORWARDED_ALLOW_IPS", "value": "10.42.0.0/16,100.64.0.0/16"} in api["env"]
    assert values(any_run)["config"]["api"]["base_url"] == f"https://{host}/"


def test_production_shape(prod_run: ProgramRun) -> None:
    v = values(prod_run)
    for component, label in (
        ("scheduler", "scheduler"),
        ("apiServer", "api-server"),
        ("triggerer", "triggerer"),
        ("pgbouncer", "pgbouncer"),
    ):
        assert v[component]["replicas"] >= 2
        assert v[component]["podDisruptionBudget"]["enabled"] is True
        spread = v[component]["topologySpreadConstraints"]
        assert spread[0]["topologyKey"] == "topology.kubernetes.io/zone"
        assert spread[0]["labelSelector"]["matchLabels"] == {
            "tier": "airflow",
            "component": label,
            "release": "airflow",
        }
    assert v["networkPolicies"]["enabled"] is True
    assert v["rbac"]["create"] is True and v["multiNamespaceMode"] is False
    assert v["statsd"]["enabled"] is True


def test_requests_and_limits_on_every_component(any_run: ProgramRun) -> None:
    v = values(any_run)
    parts = [
        v[c]
        for c in (
            "scheduler",
            "apiServer",
            "triggerer",
            "dagProcessor",
            "statsd",
            "migrateDatabaseJob",
            "redis",
        )
    ]
    parts += [v["workers"]["celery"], v["workers"]["kubernetes"]]
    parts += [v[c]["logGroomerSidecar"] for c in ("scheduler", "triggerer", "dagProcessor")]
    if any_run.stack == "prod":
        parts += [v["pgbouncer"], v["pgbouncer"]["metricsExporterSidecar"]]
    else:
        parts += [v["createUserJob"], v["dags"]["gitSync"]]
    for resources in (p["resources"] for p in parts):
        assert resources["requests"]["cpu"] and resources["requests"]["memory"]
        assert resources["limits"]["memory"]


def test_connections_become_airflow_conn_variables() -> None:
    run = cached_run(
        "dev",
        {
            "airflow-platform:airflow": {
                "connections": [
                    {"connId": "warehouse", "secretName": "warehouse-conn"},
                    {"connId": "s3_logs", "secretName": "aws-conn", "secretKey": "url"},
                ]
            }
        },
    )
    assert values(run)["secret"] == [
        {"envName": "AIRFLOW_CONN_WAREHOUSE", "secretName": "warehouse-conn", "secretKey": "uri"},
        {"envName": "AIRFLOW_CONN_S3_LOGS", "secretName": "aws-conn", "secretKey": "url"},
    ]


def test_release_depends_on_exactly_the_four_platform_pieces(any_run: ProgramRun) -> None:
    rel = release(any_run)
    external = {}
    for urn in rel.dependencies:
        dependency = any_run.by_urn(urn)
        component = any_run.component_of(dependency)
        if component is None or component.name != "airflow":
            external[dependency.type] = component.name if component else None
    assert external == {
        "aws:rds/instance:Instance": "metadata-db",
        "kubernetes:storage.k8s.io/v1:StorageClass": "shared-storage",
        "kubernetes:cert-manager.io/v1:ClusterIssuer": "cert-manager",
        "kubernetes:helm.sh/v3:Release": "keda",
    }


def test_release_waits_long_enough_for_migrations(any_run: ProgramRun) -> None:
    inputs = release(any_run).inputs
    assert inputs["timeout"] >= 1200
    assert inputs.get("skipAwait") is False


def test_release_waits_for_its_own_secrets(any_run: ProgramRun) -> None:
    rel = release(any_run)
    for secret in any_run.by_type(SECRET):
        assert secret.urn in rel.dependencies, secret.name


def test_execution_api_stays_inside_the_cluster(any_run: ProgramRun) -> None:
    url = values(any_run)["config"]["core"]["execution_api_server_url"]
    assert url == "http://airflow-api-server.airflow:8080/execution/"


def test_ports_match_the_chart_defaults() -> None:
    from components import airflow

    ports = chart_defaults("airflow")["ports"]
    assert airflow.PGBOUNCER_PORT == ports["pgbouncer"]
    assert airflow.API_SERVER_PORT == ports["apiServer"]
    assert airflow.REDIS_PORT == ports["redisDB"]


@pytest.mark.parametrize("pgbouncer", [True, False])
@pytest.mark.parametrize("executor", ["CeleryExecutor", "KubernetesExecutor"])
def test_keda_connection_key_exists_whenever_the_chart_reads_it(
    pgbouncer: bool, executor: str
) -> None:
    """The chart puts KEDA_DB_CONN (from `kedaConnection`) into every Airflow container when KEDA
    is on with PgBouncer and usePgbouncer is false; a missing key would stop every pod."""
    run = cached_run(
        "dev", {"airflow-platform:airflow": {"pgbouncer": pgbouncer, "executor": executor}}
    )
    keda = values(run)["workers"]["celery"]["keda"]
    chart_reads_it = (
        keda["enabled"] and values(run)["pgbouncer"]["enabled"] and not keda["usePgbouncer"]
    )
    assert ("kedaConnection" in secret_data(run, "metadata")) == chart_reads_it


def test_object_names_our_urls_rely_on_are_pinned(any_run: ProgramRun) -> None:
    # With useStandardNaming off the chart names objects `<release>-<component>`, the names the
    # PgBouncer, Redis and Execution API URLs use.
    assert values(any_run)["useStandardNaming"] is False
    assert values(any_run)["config"]["core"]["execution_api_server_url"].startswith(
        f"http://{release(any_run).inputs['name']}-api-server."
    )
