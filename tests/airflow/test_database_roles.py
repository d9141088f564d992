"""components/airflow/database_roles.py: the roles Secret, the Jobs around the release, and which
role each connection uses, over dev and prod program runs."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.engine import make_url

from components.airflow.database_roles import KEDA_GRANTS_KEY, ROLES_KEY
from components.airflow.psql_job import MASTER_PASSWORD_KEY
from components.postgres_roles import keda_grants_script, password_verifier
from tests.airflow.conftest import release, secret_data
from tests.conftest import ProgramRun, cached_run

JOB = "kubernetes:batch/v1:Job"
PASSWORD = "random:index/randomPassword:RandomPassword"


def password(run: ProgramRun, name: str) -> str:
    return str(run.state(run.one(PASSWORD, name))["result"])


def job_name(run: ProgramRun, resource: str) -> str:
    return str(run.one(JOB, resource).inputs["metadata"]["name"])


def test_the_secret_holds_the_scripts_and_the_master_password(any_run: ProgramRun) -> None:
    data = secret_data(any_run, "database-roles")
    app = password(any_run, "airflow-database-app-password")
    assert data[MASTER_PASSWORD_KEY] == password(any_run, "metadata-db-master-password")
    script = data[ROLES_KEY]
    assert f"PASSWORD '{password_verifier('airflow_app', app)}'" in script
    assert app not in script
    assert "ALTER DATABASE airflow OWNER TO airflow_app;" in script
    secret = any_run.one("kubernetes:core/v1:Secret", "airflow-database-roles")
    assert secret.inputs["metadata"] == {
        "name": "airflow-managed-database-roles",
        "namespace": "airflow",
    }
    assert secret.secret_paths == ["stringData"]


def test_keda_has_a_role_only_where_the_chart_gives_it_its_own_connection(
    any_run: ProgramRun,
) -> None:
    data = secret_data(any_run, "database-roles")
    metadata = secret_data(any_run, "metadata")
    if any_run.stack == "dev":  # no PgBouncer: KEDA reads the worker's own connection
        assert "airflow_keda" not in data[ROLES_KEY] and KEDA_GRANTS_KEY not in data
        assert "kedaConnection" not in metadata
        assert not [r for r in any_run.by_type(JOB) if r.name == "airflow-keda-grants"]
        assert not [r for r in any_run.by_type(PASSWORD) if "keda" in r.name]
        return
    keda = password(any_run, "airflow-database-keda-password")
    assert f"PASSWORD '{password_verifier('airflow_keda', keda)}'" in data[ROLES_KEY]
    assert data[KEDA_GRANTS_KEY] == keda_grants_script()
    url = make_url(metadata["kedaConnection"])
    assert (url.username, url.password, url.database) == ("airflow_keda", keda, "airflow")


def test_no_connection_airflow_reads_is_the_masters(any_run: ProgramRun) -> None:
    master = password(any_run, "metadata-db-master-password")
    for name in ("metadata", "result-backend", "pgbouncer-config", "pgbouncer-stats"):
        if name.startswith("pgbouncer") and any_run.stack == "dev":
            continue
        for value in secret_data(any_run, name).values():
            assert master not in value, name
            assert '"airflow" ' not in value and "//airflow:" not in value, name


def test_the_roles_job_runs_before_the_release_and_the_grants_after(
    any_run: ProgramRun,
) -> None:
    roles = any_run.one(JOB, "airflow-database-roles")
    secret = any_run.one("kubernetes:core/v1:Secret", "airflow-database-roles")
    instance = any_run.one("aws:rds/instance:Instance")
    assert {secret.urn, instance.urn} <= set(roles.dependencies)
    assert roles.urn in release(any_run).dependencies
    if any_run.stack == "prod":
        grants = any_run.one(JOB, "airflow-keda-grants")
        assert {release(any_run).urn, secret.urn} <= set(grants.dependencies)
        command = grants.inputs["spec"]["template"]["spec"]["containers"][0]["command"]
        assert command[-1] == f"/scripts/{KEDA_GRANTS_KEY}"


def _rerun(stack: str, **config: Any) -> ProgramRun:
    return cached_run(stack, {f"airflow-platform:{key}": value for key, value in config.items()})


@pytest.mark.parametrize(
    "config",
    [
        {"secrets": {"rotation": {"appDatabasePassword": 1}}},
        {"secrets": {"rotation": {"databasePassword": 1}}},
        {"secrets": {"rotation": {"kedaDatabasePassword": 1}}},
        {"database": {"restore": {"snapshotIdentifier": "pre-incident"}}},
    ],
    ids=["app", "master", "keda", "restore"],
)
def test_what_must_rerun_the_roles_job_renames_it(config: dict[str, Any]) -> None:
    before = cached_run("prod")
    after = _rerun("prod", **config)
    assert job_name(after, "airflow-database-roles") != job_name(before, "airflow-database-roles")
    assert job_name(after, "airflow-keda-grants") != job_name(before, "airflow-keda-grants")


def test_an_unchanged_program_keeps_the_jobs_names(any_run: ProgramRun) -> None:
    again = _rerun(any_run.stack, airflow={"workers": {"maxReplicas": 7}})
    assert job_name(again, "airflow-database-roles") == job_name(any_run, "airflow-database-roles")
    assert job_name(any_run, "airflow-database-roles").startswith("airflow-database-roles-")


def test_a_new_airflow_version_reruns_the_grants_only() -> None:
    before = cached_run("prod")
    image = {"image": {"tag": "3.2.3", "airflowVersion": "3.2.3"}}
    after = _rerun("prod", airflow=image)
    assert job_name(after, "airflow-keda-grants") != job_name(before, "airflow-keda-grants")
    assert job_name(after, "airflow-database-roles") == job_name(before, "airflow-database-roles")
