"""The chart's create-user Job with exactly the command and environment the values render (the
break-glass admin's create-or-update script), twice, on the migrated database of each deployment:
it creates the user, then updates it. The stored password hash then matches the password (crafted:
starting with a special character), and the API server's FAB auth manager signs the user in with
it, as its `/auth/token` does, with single sign-on too (prod)."""

from __future__ import annotations

import subprocess

from tests.integration import chart
from tests.integration.airflow_runtime import AirflowRuntime, Finished
from tests.integration.api_server import sign_in_with_fab

CHECK_PASSWORD = "import sys; from werkzeug.security import check_password_hash as c; sys.exit(0 if c(sys.argv[1], sys.argv[2]) else 1)"


def test_create_user_job_twice_then_the_password_works(
    airflow: AirflowRuntime, migration: Finished
) -> None:
    assert migration.returncode == 0, "needs the migrated database"
    job = airflow.workload("Job", "create-user")
    container = chart.container(job, "create-user")
    env = airflow.environment(container)
    username, password = env["BREAK_GLASS_USERNAME"], env["AIRFLOW_PLATFORM_BREAK_GLASS_PASSWORD"]
    if airflow.live.deployment.passwords == "crafted":
        assert not password[0].isalnum(), password
    for attempt, outcome in ((1, "created"), (2, "updated")):
        finished = airflow.run(container)
        assert finished.returncode == 0, f"run {attempt}: {finished.stderr[-4000:]}"
        assert f"break-glass user {username} {outcome}" in finished.stdout, finished.stdout
    with airflow.live.postgres.admin(airflow.live.deployment.rds["dbName"]) as conn:
        rows = conn.execute(
            "SELECT u.active, u.password, r.name FROM ab_user u"
            " JOIN ab_user_role ur ON ur.user_id = u.id JOIN ab_role r ON r.id = ur.role_id"
            " WHERE u.username = %s",
            [username],
        ).fetchall()
    assert [(active, role) for active, _, role in rows] == [(True, "Admin")]
    stored_hash = rows[0][1]
    assert password not in stored_hash
    verify = subprocess.run(
        [str(airflow.python), "-c", CHECK_PASSWORD, stored_hash, password], check=False
    )
    assert verify.returncode == 0, "the generated password does not match the stored hash"
    wrong = password[1:]
    fab = sign_in_with_fab(airflow, {"passwords": [[username, password], [username, wrong]]})
    assert fab.loaded["password_sign_in"] == [{"username": username, "roles": ["Admin"]}, None]
