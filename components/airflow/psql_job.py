"""A Kubernetes Job that runs one SQL script from a Secret with psql, as the RDS master user.

One transaction, stopped at the first error (psql's exit code fails the Job, and Pulumi, which
awaits a Job until it completes, fails the update). The pod may do nothing else: non-root, no
privilege escalation, no capabilities, RuntimeDefault seccomp, a read-only root file system and
no service account token (it never talks to the Kubernetes API).

Jobs are immutable: the name carries a digest of what the Job does, so a change creates a new
Job (Pulumi replaces it, the old one goes) and an unchanged program leaves the finished Job be.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pulumi
import pulumi_kubernetes as k8s

from components.pins import POSTGRES_CLIENT_IMAGE
from components.postgres import DatabaseEndpoint

# The postgres image's own `postgres` user and group (Debian variant).
POSTGRES_UID = 999
SCRIPTS_MOUNT = "/scripts"
MASTER_PASSWORD_KEY = "master-password"
PSQL_OPTIONS = ("-X", "-v", "ON_ERROR_STOP=1", "--single-transaction")
COMPONENT_LABEL = "database-roles"


def digest(*parts: str) -> str:
    """Eight hex characters naming a Job's content (not secret: no password is hashed)."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:8]


@dataclass(frozen=True)
class PsqlJob:
    job_name: str  # the Kubernetes name, with its digest
    namespace: pulumi.Input[str]
    secret_name: str  # holds the script under `script_key` and the master password
    script_key: str


def _environment(database: DatabaseEndpoint, secret_name: str) -> list[k8s.core.v1.EnvVarArgs]:
    """libpq's variables: RDS (TLS required, as rds.force_ssl demands) as the master user."""
    plain: dict[str, pulumi.Input[str]] = {
        "PGHOST": database.address,
        "PGPORT": database.port.apply(str),
        "PGDATABASE": database.name,
        "PGUSER": database.username,
        "PGSSLMODE": "require",
        "PGCONNECT_TIMEOUT": "10",
    }
    password = k8s.core.v1.EnvVarArgs(
        name="PGPASSWORD",
        value_from=k8s.core.v1.EnvVarSourceArgs(
            secret_key_ref=k8s.core.v1.SecretKeySelectorArgs(
                name=secret_name, key=MASTER_PASSWORD_KEY
            )
        ),
    )
    return [k8s.core.v1.EnvVarArgs(name=k, value=v) for k, v in plain.items()] + [password]


def _container(job: PsqlJob, database: DatabaseEndpoint) -> k8s.core.v1.ContainerArgs:
    return k8s.core.v1.ContainerArgs(
        name="psql",
        image=POSTGRES_CLIENT_IMAGE,
        command=["psql", *PSQL_OPTIONS, "-f", f"{SCRIPTS_MOUNT}/{job.script_key}"],
        env=_environment(database, job.secret_name),
        volume_mounts=[
            k8s.core.v1.VolumeMountArgs(name="scripts", mount_path=SCRIPTS_MOUNT, read_only=True)
        ],
        resources=k8s.core.v1.ResourceRequirementsArgs(
            requests={"cpu": "50m", "memory": "64Mi"}, limits={"memory": "128Mi"}
        ),
        security_context=k8s.core.v1.SecurityContextArgs(
            allow_privilege_escalation=False,
            read_only_root_filesystem=True,
            run_as_non_root=True,
            capabilities=k8s.core.v1.CapabilitiesArgs(drop=["ALL"]),
        ),
    )


def psql_job(
    resource_name: str,
    job: PsqlJob,
    database: DatabaseEndpoint,
    opts: pulumi.ResourceOptions,
) -> k8s.batch.v1.Job:
    labels = {
        "app.kubernetes.io/name": COMPONENT_LABEL,
        "app.kubernetes.io/part-of": "airflow-platform",
        "component": COMPONENT_LABEL,
    }
    pod = k8s.core.v1.PodSpecArgs(
        restart_policy="Never",
        automount_service_account_token=False,
        enable_service_links=False,
        security_context=k8s.core.v1.PodSecurityContextArgs(
            run_as_non_root=True,
            run_as_user=POSTGRES_UID,
            run_as_group=POSTGRES_UID,
            fs_group=POSTGRES_UID,
            seccomp_profile=k8s.core.v1.SeccompProfileArgs(type="RuntimeDefault"),
        ),
        containers=[_container(job, database)],
        volumes=[
            k8s.core.v1.VolumeArgs(
                name="scripts",
                secret=k8s.core.v1.SecretVolumeSourceArgs(
                    secret_name=job.secret_name,
                    items=[k8s.core.v1.KeyToPathArgs(key=job.script_key, path=job.script_key)],
                    default_mode=0o440,  # the group (fsGroup) reads it, nobody else
                ),
            )
        ],
    )
    return k8s.batch.v1.Job(
        resource_name,
        metadata=k8s.meta.v1.ObjectMetaArgs(
            name=job.job_name, namespace=job.namespace, labels=labels
        ),
        spec=k8s.batch.v1.JobSpecArgs(
            backoff_limit=3,
            active_deadline_seconds=600,
            template=k8s.core.v1.PodTemplateSpecArgs(
                metadata=k8s.meta.v1.ObjectMetaArgs(labels=labels), spec=pod
            ),
        ),
        opts=opts,
    )
