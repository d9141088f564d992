"""Apache Airflow 3 from the official chart, wired to RDS, EFS, cert-manager and KEDA.

Secrets are generated here once (pulumi_random, stable across updates) and handed to the chart as
Kubernetes Secrets by name only: no generated value ever appears in the Helm values.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_kubernetes as k8s
import pulumi_random as random

from components.helm import pinned_release
from components.postgres import connection_url
from components.settings import AirflowSettings
from components.versions import AIRFLOW_CHART

API_SERVER_PORT = 8080
PGBOUNCER_PORT = 6543  # the chart's ports.pgbouncer
REDIS_PORT = 6379
PGBOUNCER_TLS_MOUNT = "/etc/pgbouncer-tls"
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD_ENV = "AIRFLOW_ADMIN_PASSWORD"


def fernet_key_from_base64(standard_b64: str) -> str:
    """Fernet wants url-safe base64 of 32 bytes; random's RandomBytes gives standard base64."""
    return base64.urlsafe_b64encode(base64.b64decode(standard_b64)).decode()


@dataclass(frozen=True)
class SecretNames:
    """Names of the Secrets this component creates. The chart names its own `<release>-<what>`;
    the `-managed-` infix keeps ours from ever colliding with them."""

    release: str

    def _name(self, what: str) -> str:
        return f"{self.release}-managed-{what}"

    @property
    def metadata(self) -> str:
        return self._name("metadata")

    @property
    def result_backend(self) -> str:
        return self._name("result-backend")

    @property
    def fernet_key(self) -> str:
        return self._name("fernet-key")

    @property
    def api_secret_key(self) -> str:
        return self._name("api-secret-key")

    @property
    def jwt_secret(self) -> str:
        return self._name("jwt-secret")

    @property
    def redis_password(self) -> str:
        return self._name("redis-password")

    @property
    def broker_url(self) -> str:
        return self._name("broker-url")

    @property
    def pgbouncer_config(self) -> str:
        return self._name("pgbouncer-config")

    @property
    def pgbouncer_stats(self) -> str:
        return self._name("pgbouncer-stats")

    @property
    def pgbouncer_tls(self) -> str:
        return self._name("pgbouncer-tls")

    @property
    def admin_password(self) -> str:
        return self._name("admin-password")

    @property
    def ingress_tls(self) -> str:
        return f"{self.release}-api-server-tls"


def _resources(cpu: str, memory: str, memory_limit: str | None = None) -> dict[str, Any]:
    return {
        "requests": {"cpu": cpu, "memory": memory},
        "limits": {"memory": memory_limit or memory},
    }


def _pdb(enabled: bool) -> dict[str, Any]:
    return {"enabled": enabled, "config": {"maxUnavailable": 1}}


def _spread_over_zones(release: str, component: str, is_prod: bool) -> list[dict[str, Any]]:
    """In prod, replicas of one component prefer different zones (a zone outage keeps one)."""
    if not is_prod:
        return []
    return [
        {
            "maxSkew": 1,
            "topologyKey": "topology.kubernetes.io/zone",
            "whenUnsatisfiable": "ScheduleAnyway",
            "labelSelector": {
                "matchLabels": {"tier": "airflow", "component": component, "release": release}
            },
        }
    ]


def pgbouncer_host(settings: AirflowSettings) -> str:
    return f"{settings.release_name}-pgbouncer.{settings.namespace}"


def pgbouncer_database(settings: AirflowSettings) -> str:
    """The database name PgBouncer exposes: the chart's convention `<release>-metadata`."""
    return f"{settings.release_name}-metadata"


def airflow_config(settings: AirflowSettings) -> dict[str, dict[str, Any]]:
    """The `config:` overrides, by option names Airflow 3 really reads (options.json)."""
    tuning = settings.tuning
    config: dict[str, dict[str, Any]] = {
        "core": {
            "parallelism": tuning.parallelism,
            "max_active_tasks_per_dag": tuning.max_active_tasks_per_dag,
            # Task workers reach the Execution API inside the cluster, not through the ingress.
            "execution_api_server_url": f"http://{settings.release_name}-api-server."
            f"{settings.namespace}:{API_SERVER_PORT}/execution/",
            "load_examples": "False",
        },
        "api": {"base_url": f"https://{settings.host}/"},
        "scheduler": {"scheduler_heartbeat_sec": tuning.scheduler_heartbeat_sec},
        "dag_processor": {"parsing_processes": tuning.parsing_processes},
        "metrics": {"statsd_on": "True"},
    }
    if settings.uses_celery:
        # The chart's KEDA query divides queued+running tasks by exactly this value.
        config["celery"] = {"worker_concurrency": settings.workers.concurrency}
    if settings.uses_kubernetes_executor:
        config["kubernetes_executor"] = {
            "worker_pods_creation_batch_size": tuning.worker_pods_creation_batch_size,
            "delete_worker_pods": str(tuning.delete_worker_pods),
        }
    return config


def _dags_values(
    settings: AirflowSettings, storage_class_name: str, is_prod: bool
) -> dict[str, Any]:
    dags = settings.dags
    values: dict[str, Any] = {
        "persistence": {"enabled": False},
        "gitSync": {"enabled": False},
    }
    if dags.source == "gitSync":
        assert dags.git_sync is not None  # settings guarantee it
        git = dags.git_sync
        git_sync: dict[str, Any] = {
            "enabled": True,
            "repo": git.repository,
            "branch": git.branch,
            "rev": "HEAD",
            "depth": 1,
            "subPath": git.sub_path,
            "period": f"{git.period_seconds}s",
            "resources": _resources("20m", "64Mi", "256Mi"),
        }
        if git.uses_ssh:
            # Settings require both for ssh: the chart turns host key checking off without them.
            git_sync["sshKeySecret"] = git.credentials_secret
            git_sync["knownHosts"] = git.known_hosts
        elif git.credentials_secret:
            git_sync["credentialsSecret"] = git.credentials_secret
        values["gitSync"] = git_sync
    elif dags.source == "persistence":
        assert dags.persistence is not None
        values["persistence"] = {
            "enabled": True,
            "accessMode": "ReadWriteMany",
            "storageClassName": storage_class_name,
            "size": dags.persistence.size,
            "annotations": _keep_annotation(is_prod),
        }
    return values


def _keep_annotation(is_prod: bool) -> dict[str, str]:
    # `helm uninstall` must not take prod's claims (logs, DAGs) with it.
    return {"helm.sh/resource-policy": "keep"} if is_prod else {}


def chart_values(
    settings: AirflowSettings,
    is_prod: bool,
    *,
    storage_class_name: str,
    issuer_name: str,
    trusted_proxy_cidrs: list[str],
    admin_email: str,
) -> dict[str, Any]:
    """The complete values for the Airflow chart. Pure: secrets appear by Secret name only."""
    names = SecretNames(settings.release_name)
    release = settings.release_name
    image = settings.image
    big = is_prod
    use_keda = settings.uses_celery
    values: dict[str, Any] = {
        # Objects are named `<release>-<component>`: the PgBouncer, Redis and API server host names
        # written into our Secrets and config rely on it.
        "useStandardNaming": False,
        "airflowVersion": image.airflow_version,
        "defaultAirflowRepository": image.repository,
        "defaultAirflowTag": image.tag,
        "images": {
            "airflow": {
                "repository": image.repository,
                "tag": image.tag,
                "pullPolicy": "IfNotPresent",
            }
        },
        "executor": settings.executor,
        "config": airflow_config(settings),
        # Our own secrets, by name; the chart generates none of these.
        "fernetKeySecretName": names.fernet_key,
        "apiSecretKeySecretName": names.api_secret_key,
        "jwtSecretName": names.jwt_secret,
        "data": {"metadataSecretName": names.metadata},
        "postgresql": {"enabled": False},
        "rbac": {"create": True},
        "multiNamespaceMode": False,
        "networkPolicies": {"enabled": True},
        "statsd": {"enabled": True, "resources": _resources("20m", "64Mi", "128Mi")},
        "flower": {"enabled": False},
        "secret": [
            {
                "envName": c.env_name,
                "secretName": c.secret_name,
                "secretKey": c.secret_key,
            }
            for c in settings.connections
        ],
        "migrateDatabaseJob": {
            "enabled": True,
            # Helm hooks deadlock with a release that waits for readiness: pods wait for the
            # migration that a post-install hook would only start after they are ready.
            "useHelmHooks": False,
            "applyCustomEnv": False,
            "ttlSecondsAfterFinished": 300,
            "resources": _resources("200m", "512Mi", "1Gi"),
        },
        "createUserJob": _create_user_job(settings, is_prod, names, admin_email),
        "scheduler": {
            "replicas": settings.scheduler_replicas,
            "podDisruptionBudget": _pdb(is_prod),
            "topologySpreadConstraints": _spread_over_zones(release, "scheduler", is_prod),
            "resources": _resources("1" if big else "250m", "2Gi" if big else "512Mi"),
            "logGroomerSidecar": {"resources": _resources("10m", "64Mi", "128Mi")},
        },
        "apiServer": {
            "replicas": settings.api_server_replicas,
            "podDisruptionBudget": _pdb(is_prod),
            "topologySpreadConstraints": _spread_over_zones(release, "api-server", is_prod),
            "resources": _resources("500m" if big else "250m", "2Gi" if big else "1Gi"),
            # Trust X-Forwarded-* only from inside the VPC (the ingress controller's pods).
            "args": ["bash", "-c", "exec airflow api-server --proxy-headers"],
            "env": [{"name": "FORWARDED_ALLOW_IPS", "value": ",".join(trusted_proxy_cidrs)}],
        },
        "triggerer": {
            "replicas": settings.triggerer_replicas,
            "persistence": {"enabled": False},
            "podDisruptionBudget": _pdb(is_prod),
            "topologySpreadConstraints": _spread_over_zones(release, "triggerer", is_prod),
            "resources": _resources("250m" if big else "100m", "1Gi" if big else "512Mi"),
            "logGroomerSidecar": {"resources": _resources("10m", "64Mi", "128Mi")},
        },
        "dagProcessor": {
            "enabled": True,
            "replicas": 1,
            "resources": _resources("500m" if big else "250m", "1Gi" if big else "512Mi"),
            "logGroomerSidecar": {"resources": _resources("10m", "64Mi", "128Mi")},
        },
        "workers": {
            "celery": {
                # A Deployment (no per-worker volume), so KEDA can scale it.
                "persistence": {"enabled": False},
                "keda": {
                    "enabled": use_keda,
                    "minReplicaCount": settings.workers.min_replicas,
                    "maxReplicaCount": settings.workers.max_replicas,
                    "pollingInterval": 5,
                    "cooldownPeriod": 300 if is_prod else 60,
                    # The scaler reads task counts straight from RDS (kedaConnection), not via
                    # PgBouncer's transaction pool, and needs no network-policy hole for KEDA.
                    "usePgbouncer": False,
                },
                "resources": _resources("500m" if big else "250m", "2Gi" if big else "1Gi"),
                "logGroomerSidecar": {"resources": _resources("10m", "64Mi", "128Mi")},
            },
            "kubernetes": {
                "resources": _resources("250m" if big else "100m", "1Gi" if big else "512Mi"),
            },
        },
        "logs": {
            "persistence": {
                "enabled": True,
                "size": settings.logs_size,
                "storageClassName": storage_class_name,
                "annotations": _keep_annotation(is_prod),
            }
        },
        "dags": _dags_values(settings, storage_class_name, is_prod),
        "ingress": {
            "apiServer": {
                "enabled": True,
                "ingressClassName": settings.ingress_class_name,
                "annotations": {"cert-manager.io/cluster-issuer": issuer_name},
                "path": "/",
                "pathType": "Prefix",
                "hosts": [
                    {
                        "name": settings.host,
                        "tls": {"enabled": True, "secretName": names.ingress_tls},
                    }
                ],
            }
        },
        "pgbouncer": _pgbouncer_values(settings, is_prod, names),
    }
    if settings.uses_celery:
        values["data"]["resultBackendSecretName"] = names.result_backend
        values["data"]["brokerUrlSecretName"] = names.broker_url
        values["redis"] = {
            "enabled": True,
            "passwordSecretName": names.redis_password,
            "resources": _resources("100m", "256Mi", "512Mi"),
        }
    else:
        values["redis"] = {"enabled": False}
    return values


def _create_user_job(
    settings: AirflowSettings, is_prod: bool, names: SecretNames, admin_email: str
) -> dict[str, Any]:
    if is_prod:
        # No bootstrap admin in prod: users come from the identity provider / auth manager.
        return {"enabled": False}
    return {
        "enabled": True,
        "useHelmHooks": False,
        "applyCustomEnv": False,
        "ttlSecondsAfterFinished": 300,
        "defaultUser": {
            "role": "Admin",
            "username": ADMIN_USERNAME,
            "email": admin_email,
            "firstName": "Platform",
            "lastName": "Admin",
        },
        # The password comes from a Secret through the environment, never through values.
        "args": [
            "bash",
            "-c",
            f'exec airflow users create "$@" --password "${ADMIN_PASSWORD_ENV}"',
            "--",
            "--role",
            "Admin",
            "--username",
            ADMIN_USERNAME,
            "--email",
            admin_email,
            "--firstname",
            "Platform",
            "--lastname",
            "Admin",
        ],
        "env": [
            {
                "name": ADMIN_PASSWORD_ENV,
                "valueFrom": {"secretKeyRef": {"name": names.admin_password, "key": "password"}},
            }
        ],
        "resources": _resources("100m", "512Mi", "1Gi"),
    }


def _pgbouncer_values(
    settings: AirflowSettings, is_prod: bool, names: SecretNames
) -> dict[str, Any]:
    if not settings.pgbouncer:
        return {"enabled": False}
    return {
        "enabled": True,
        "replicas": 2 if is_prod else 1,
        # Our own pgbouncer.ini/users.txt and exporter connection (the chart's would carry the
        # default postgres/postgres credentials and no TLS).
        "configSecretName": names.pgbouncer_config,
        "metricsExporterSidecar": {
            "statsSecretName": names.pgbouncer_stats,
            "statsSecretKey": "connection",
            "resources": _resources("10m", "32Mi", "64Mi"),
        },
        "podDisruptionBudget": _pdb(is_prod),
        "topologySpreadConstraints": _spread_over_zones(
            settings.release_name, "pgbouncer", is_prod
        ),
        "resources": _resources("100m", "128Mi", "256Mi"),
        "extraVolumes": [
            {
                "name": "client-tls",
                "secret": {"secretName": names.pgbouncer_tls, "defaultMode": 0o444},
            }
        ],
        "extraVolumeMounts": [
            {"name": "client-tls", "mountPath": PGBOUNCER_TLS_MOUNT, "readOnly": True}
        ],
    }


def pgbouncer_ini(
    settings: AirflowSettings,
    is_prod: bool,
    database_host: str,
    database_port: int,
    database_name: str,
    username: str,
) -> str:
    """PgBouncer config: TLS required on both sides (clients in the cluster, and RDS).

    Ours replaces the chart's generated one, so the chart's pool values do not apply: sizes are here.
    """
    pool_size, max_client_conn = (20, 500) if is_prod else (10, 100)
    return "\n".join(
        [
            "[databases]",
            f"{pgbouncer_database(settings)} = host={database_host} port={database_port} "
            f"dbname={database_name} pool_size={pool_size}",
            "",
            "[pgbouncer]",
            "pool_mode = transaction",
            f"listen_port = {PGBOUNCER_PORT}",
            "listen_addr = *",
            "auth_type = scram-sha-256",
            "auth_file = /etc/pgbouncer/users.txt",
            f"stats_users = {username}",
            "ignore_startup_parameters = extra_float_digits",
            f"max_client_conn = {max_client_conn}",
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


@dataclass(frozen=True)
class AirflowArgs:
    settings: AirflowSettings
    is_prod: bool
    admin_email: str
    trusted_proxy_cidrs: list[str]
    database_instance: pulumi.Resource
    database_url: pulumi.Output[str]
    database_address: pulumi.Output[str]
    database_port: pulumi.Output[int]
    database_name: str
    database_username: str
    database_password: pulumi.Output[str]
    storage_class_name: pulumi.Output[str]
    cluster_issuer_name: pulumi.Output[str]
    cluster_issuer: pulumi.Resource
    keda_release: pulumi.Resource


class Airflow(pulumi.ComponentResource):
    url: str
    namespace: pulumi.Output[str]
    release_name: pulumi.Output[str]
    admin_username: str | None
    admin_password: pulumi.Output[str] | None
    release: k8s.helm.v3.Release

    def __init__(self, name: str, args: AirflowArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("airflow-platform:airflow:Airflow", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        cfg = args.settings
        names = SecretNames(cfg.release_name)

        namespace = k8s.core.v1.Namespace(
            f"{name}-namespace",
            metadata=k8s.meta.v1.ObjectMetaArgs(name=cfg.namespace),
            # Deleting the namespace deletes the log and DAG claims with it.
            opts=pulumi.ResourceOptions(parent=self, protect=args.is_prod),
        )
        ns = namespace.metadata.name

        def secret(
            resource: str, secret_name: str, data: dict[str, pulumi.Input[str]]
        ) -> k8s.core.v1.Secret:
            return k8s.core.v1.Secret(
                f"{name}-{resource}",
                metadata=k8s.meta.v1.ObjectMetaArgs(name=secret_name, namespace=ns),
                type="Opaque",
                string_data=pulumi.Output.secret(data),
                opts=child,
            )

        # ----- generated once, kept in state: no keepers, so no update rotates them -----
        # A new fernet key would make every stored connection password unreadable: protected in prod.
        fernet_bytes = random.RandomBytes(
            f"{name}-fernet-key",
            length=32,
            opts=pulumi.ResourceOptions(parent=self, protect=args.is_prod),
        )
        api_secret_key = random.RandomPassword(
            f"{name}-api-secret-key", length=64, special=False, opts=child
        )
        jwt_secret = random.RandomPassword(
            f"{name}-jwt-secret", length=64, special=False, opts=child
        )

        secrets: list[pulumi.Resource] = [
            secret(
                "fernet-key",
                names.fernet_key,
                {"fernet-key": fernet_bytes.base64.apply(fernet_key_from_base64)},
            ),
            secret(
                "api-secret-key",
                names.api_secret_key,
                {"api-secret-key": api_secret_key.result},
            ),
            secret("jwt-secret", names.jwt_secret, {"jwt-secret": jwt_secret.result}),
        ]

        # ----- metadata database -----
        if cfg.pgbouncer:
            airflow_url = args.database_password.apply(
                lambda pw: connection_url(
                    args.database_username,
                    pw,
                    pgbouncer_host(cfg),
                    PGBOUNCER_PORT,
                    pgbouncer_database(cfg),
                )
            )
        else:
            airflow_url = args.database_url
        metadata: dict[str, pulumi.Input[str]] = {"connection": airflow_url}
        if cfg.pgbouncer and cfg.uses_celery:
            # The chart's KEDA scaler reads this key when usePgbouncer is false.
            metadata["kedaConnection"] = args.database_url
        secrets.append(secret("metadata", names.metadata, metadata))

        if cfg.uses_celery:
            secrets.append(
                secret(
                    "result-backend",
                    names.result_backend,
                    {"connection": airflow_url.apply(lambda url: f"db+{url}")},
                )
            )
            redis_password = random.RandomPassword(
                f"{name}-redis-password", length=32, special=False, opts=child
            )
            secrets.append(
                secret(
                    "redis-password",
                    names.redis_password,
                    {"password": redis_password.result},
                )
            )
            secrets.append(
                secret(
                    "broker-url",
                    names.broker_url,
                    {
                        "connection": redis_password.result.apply(
                            lambda pw: f"redis://:{pw}@{cfg.release_name}-redis:{REDIS_PORT}/0"
                        )
                    },
                )
            )

        if cfg.pgbouncer:
            secrets.append(
                secret(
                    "pgbouncer-config",
                    names.pgbouncer_config,
                    {
                        "pgbouncer.ini": pulumi.Output.all(
                            args.database_address, args.database_port
                        ).apply(
                            lambda a: pgbouncer_ini(
                                cfg,
                                args.is_prod,
                                a[0],
                                int(a[1]),
                                args.database_name,
                                args.database_username,
                            )
                        ),
                        "users.txt": args.database_password.apply(
                            lambda pw: pgbouncer_users(args.database_username, pw)
                        ),
                    },
                )
            )
            secrets.append(
                secret(
                    "pgbouncer-stats",
                    names.pgbouncer_stats,
                    {
                        # The exporter sidecar reads SHOW STATS from PgBouncer's admin database.
                        "connection": args.database_password.apply(
                            lambda pw: connection_url(
                                args.database_username, pw, "127.0.0.1", PGBOUNCER_PORT, "pgbouncer"
                            )
                        )
                    },
                )
            )
            # PgBouncer's client-side certificate, issued in-namespace by a self-signed Issuer.
            issuer = k8s.apiextensions.CustomResource(
                f"{name}-pgbouncer-issuer",
                api_version="cert-manager.io/v1",
                kind="Issuer",
                metadata={
                    "name": f"{cfg.release_name}-pgbouncer-selfsigned",
                    "namespace": ns,
                },
                spec={"selfSigned": {}},
                # cert-manager's CRDs and webhook answer once its ClusterIssuer exists.
                opts=pulumi.ResourceOptions(parent=self, depends_on=[args.cluster_issuer]),
            )
            certificate = k8s.apiextensions.CustomResource(
                f"{name}-pgbouncer-certificate",
                api_version="cert-manager.io/v1",
                kind="Certificate",
                metadata={"name": f"{cfg.release_name}-pgbouncer", "namespace": ns},
                spec=pgbouncer_certificate(cfg, f"{cfg.release_name}-pgbouncer-selfsigned"),
                opts=pulumi.ResourceOptions(parent=self, depends_on=[issuer]),
            )
            secrets.append(certificate)

        self.admin_username = None
        self.admin_password = None
        if not args.is_prod:
            admin_password = random.RandomPassword(
                f"{name}-admin-password",
                length=24,
                special=True,
                override_special="-_.~",
                min_special=1,
                opts=child,
            )
            secrets.append(
                secret(
                    "admin-password",
                    names.admin_password,
                    {"password": admin_password.result},
                )
            )
            self.admin_username = ADMIN_USERNAME
            self.admin_password = pulumi.Output.secret(admin_password.result)

        values = pulumi.Output.all(args.storage_class_name, args.cluster_issuer_name).apply(
            lambda resolved: chart_values(
                cfg,
                args.is_prod,
                storage_class_name=resolved[0],
                issuer_name=resolved[1],
                trusted_proxy_cidrs=args.trusted_proxy_cidrs,
                admin_email=args.admin_email,
            )
        )
        self.release = pinned_release(
            f"{name}-release",
            AIRFLOW_CHART,
            release_name=cfg.release_name,
            namespace=ns,
            values=values,
            # A first install migrates a new database before anything turns ready.
            timeout_seconds=1800,
            wait_for_jobs=True,
            opts=pulumi.ResourceOptions(
                parent=self,
                depends_on=[args.database_instance, args.keda_release, *secrets],
            ),
        )

        self.url = f"https://{cfg.host}/"
        self.namespace = self.release.namespace.apply(lambda value: value or cfg.namespace)
        self.release_name = self.release.name.apply(lambda value: value or cfg.release_name)
        self.register_outputs(
            {
                "url": self.url,
                "namespace": self.namespace,
                "releaseName": self.release_name,
            }
        )
