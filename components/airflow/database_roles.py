"""Airflow's and KEDA's database roles, created in the cluster by the RDS master user.

The master's password reaches only one Secret, read only by two Jobs (components/airflow/
psql_job.py) that run components/postgres_roles.py's scripts:
- before the release (its migration Job needs the app role): the roles, their passwords (SCRAM
  verifiers of `pulumi_random` passwords kept in state), the database handed to the app role;
- after the release (the chart's migration has then created task_instance), when KEDA reads a
  connection of its own: the columns KEDA's query reads, and nothing else.

KEDA has its own role only where the chart gives its trigger a connection of its own
(`kedaConnection`: PgBouncer on, Celery); without PgBouncer the chart points the trigger at the
worker's own metadata connection, the app role's.

A Job's name carries a digest of its script (verifiers left out: they change with the passwords,
and so do the rotation numbers that are in), the rotation numbers and where a restored database
came from (a restored instance may lack the roles): exactly what must re-run it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pulumi
import pulumi_kubernetes as k8s

from components.airflow.generated_secrets import SecretWriter
from components.airflow.psql_job import MASTER_PASSWORD_KEY, PsqlJob, digest, psql_job
from components.airflow.secret_names import SecretNames
from components.postgres import DatabaseEndpoint, connection_url
from components.postgres_roles import ROLES, keda_grants_script, password_verifier, roles_script
from components.settings import AirflowSettings, RotationSettings

ROLES_KEY = "roles.sql"
KEDA_GRANTS_KEY = "keda-grants.sql"
PASSWORD_LENGTH = 40  # letters and digits: safe in URLs, users.txt and SCRAM without SASLprep


def keda_has_own_connection(settings: AirflowSettings) -> bool:
    """Whether the chart's KEDA trigger reads `kedaConnection` rather than Airflow's own."""
    return settings.pgbouncer and settings.uses_celery


@dataclass(frozen=True)
class RoleConnections:
    """What the rest of the component connects with once the roles Job has run."""

    app: DatabaseEndpoint  # the app role's; `instance` is the roles Job
    keda_url: pulumi.Output[str] | None  # KEDA's own connection (a secret), or None
    secret: k8s.core.v1.Secret  # the scripts and the master password


@dataclass(frozen=True)
class RolesInputs:
    settings: AirflowSettings
    master: DatabaseEndpoint
    rotation: RotationSettings
    restored_from: str | None


def _run_key(inputs: RolesInputs, script_shape: str) -> str:
    rotation = inputs.rotation
    return digest(
        script_shape,
        f"{rotation.database_password},{rotation.app_database_password},"
        f"{rotation.keda_database_password}",
        inputs.restored_from or "",
    )


def _scripts(
    inputs: RolesInputs, app_password: pulumi.Output[str], keda: pulumi.Output[str] | None
) -> dict[str, pulumi.Input[str]]:
    database = inputs.master.name
    roles = pulumi.Output.all(app_password, keda if keda is not None else "").apply(
        lambda pw: roles_script(
            database,
            password_verifier(ROLES.app, pw[0]),
            password_verifier(ROLES.keda, pw[1]) if keda is not None else None,
        )
    )
    scripts: dict[str, pulumi.Input[str]] = {ROLES_KEY: roles}
    if keda is not None:
        scripts[KEDA_GRANTS_KEY] = keda_grants_script()
    return scripts


def database_roles(writer: SecretWriter, inputs: RolesInputs) -> RoleConnections:
    """The passwords, the Secret, and the Job that creates the roles before the release."""
    cfg, master = inputs.settings, inputs.master
    with_keda = keda_has_own_connection(cfg)
    app_password = writer.password(
        "database-app-password", PASSWORD_LENGTH, inputs.rotation.app_database_password
    ).result
    keda_password = (
        writer.password(
            "database-keda-password", PASSWORD_LENGTH, inputs.rotation.keda_database_password
        ).result
        if with_keda
        else None
    )
    secret_name = SecretNames(cfg.release_name).database_roles
    data = {**_scripts(inputs, app_password, keda_password), MASTER_PASSWORD_KEY: master.password}
    secret = writer.secret("database-roles", secret_name, data)
    shape = roles_script(master.name, "verifier", "verifier" if with_keda else None)
    job = psql_job(
        f"{writer.prefix}-database-roles",
        PsqlJob(
            f"{cfg.release_name}-database-roles-{_run_key(inputs, shape)}",
            writer.namespace,
            secret_name,
            ROLES_KEY,
        ),
        master,
        pulumi.ResourceOptions(parent=writer.parent, depends_on=[secret, master.instance]),
    )
    app = dataclasses.replace(
        master,
        username=ROLES.app,
        password=pulumi.Output.secret(app_password),
        url=_url(ROLES.app, app_password, master),
        instance=job,
    )
    keda_url = _url(ROLES.keda, keda_password, master) if keda_password is not None else None
    return RoleConnections(app, keda_url, secret)


def _url(role: str, password: pulumi.Output[str], master: DatabaseEndpoint) -> pulumi.Output[str]:
    """The role's URL straight to RDS (TLS required), as a secret."""
    return pulumi.Output.secret(
        pulumi.Output.all(password, master.address, master.port).apply(
            lambda parts: connection_url(role, parts[0], parts[1], int(parts[2]), master.name)
        )
    )


def keda_grants(
    writer: SecretWriter, inputs: RolesInputs, roles: RoleConnections, release: pulumi.Resource
) -> k8s.batch.v1.Job | None:
    """After the release (its migration done): what KEDA's query reads. Re-run by a new Airflow
    version too, whose migration may have rebuilt the table (and dropped its grants)."""
    if roles.keda_url is None:
        return None
    cfg = inputs.settings
    run_key = _run_key(inputs, keda_grants_script() + cfg.image.airflow_version)
    return psql_job(
        f"{writer.prefix}-keda-grants",
        PsqlJob(
            f"{cfg.release_name}-keda-grants-{run_key}",
            writer.namespace,
            SecretNames(cfg.release_name).database_roles,
            KEDA_GRANTS_KEY,
        ),
        inputs.master,
        pulumi.ResourceOptions(parent=writer.parent, depends_on=[roles.secret, release]),
    )
