"""components/airflow/secret_names.py: our Secrets' names."""

from __future__ import annotations

from tests.airflow.conftest import SECRET
from tests.conftest import ProgramRun


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
