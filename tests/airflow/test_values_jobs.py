"""components/airflow/values/jobs.py: the migration job and the break-glass admin's job."""

from __future__ import annotations

from components.airflow.break_glass import PASSWORD_ENV, SCRIPT
from components.airflow.secret_names import SecretNames
from tests.airflow.conftest import release, secret_data, values
from tests.conftest import ProgramRun, cached_run


def test_migration_and_user_jobs_have_hooks_and_custom_env_off(any_run: ProgramRun) -> None:
    v = values(any_run)
    for job in ("migrateDatabaseJob", "createUserJob"):
        assert v[job]["useHelmHooks"] is False
        assert v[job]["applyCustomEnv"] is False
    assert release(any_run).inputs["waitForJobs"] is True


def test_every_stack_has_a_break_glass_admin_and_no_default_password(any_run: ProgramRun) -> None:
    job = values(any_run)["createUserJob"]
    assert job["enabled"] is True
    assert job["args"] == ["python", "-c", SCRIPT]
    assert job["defaultUser"]["password"] == ""  # not the chart's default 'admin'
    env = {e["name"]: e for e in job["env"]}
    assert env[PASSWORD_ENV]["valueFrom"]["secretKeyRef"] == {
        "name": SecretNames("airflow").admin_password,
        "key": "password",
    }
    password = secret_data(any_run, "admin-password")["password"]
    assert password == any_run.outputs["adminPassword"]
    assert password not in str(job)


def test_break_glass_switched_off_still_runs_to_deactivate_the_user() -> None:
    run = cached_run(
        "prod", {"airflow-platform:airflow": {"auth": {"breakGlass": {"enabled": False}}}}
    )
    job = values(run)["createUserJob"]
    assert job["enabled"] is True
    env = {e["name"]: e for e in job["env"]}
    assert env["BREAK_GLASS_ENABLED"]["value"] == "false"
    assert PASSWORD_ENV not in env
