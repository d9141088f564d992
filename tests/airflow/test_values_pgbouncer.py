"""components/airflow/values/pgbouncer.py: the chart's PgBouncer, on our own config."""

from __future__ import annotations

from tests.airflow.conftest import values
from tests.conftest import ProgramRun


def test_pgbouncer_off_in_dev(dev_run: ProgramRun) -> None:
    assert values(dev_run)["pgbouncer"] == {"enabled": False}
    assert dev_run.by_type("kubernetes:cert-manager.io/v1:Certificate") == []
