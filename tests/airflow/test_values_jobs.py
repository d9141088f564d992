"""components/airflow/values/jobs.py: the migration job and the bootstrap admin user."""

from __future__ import annotations

from components.airflow.secret_names import SecretNames
from tests.airflow.conftest import release, secret_data, values
from tests.conftest import ProgramRun


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
