"""Airflow's synchronous metadata engine on the generated URL, from many processes.

Dev connects straight to RDS; prod through PgBouncer's transaction pool (TLS on both legs). Both
engines Airflow ships with: SQLAlchemy 2.0 + psycopg2 (the official image) and SQLAlchemy 2.1 +
psycopg 3 (a plain install).
"""

from __future__ import annotations

import pytest

from tests.integration.consumers import run_probe
from tests.integration.live import LiveDeployment

PROCESSES = 6
TRANSACTIONS = 12


@pytest.mark.parametrize(
    ("venv", "driver"),
    [("sqlalchemy20-psycopg2", "psycopg2"), ("sqlalchemy21-psycopg3", "psycopg")],
)
def test_metadata_url_from_many_processes(live: LiveDeployment, venv: str, driver: str) -> None:
    deployment = live.deployment
    url = live.local(deployment.secret(deployment.names.metadata)["connection"])
    payload = {"url": url, "processes": PROCESSES, "transactions": TRANSACTIONS}
    if driver == "psycopg" and not live.pooler_keeps_prepared_statements:
        # psycopg 3 prepares a statement server-side on its 5th execution; a PgBouncer without
        # max_prepared_statements loses it in the transaction pool. Prod's PgBouncer keeps them
        # (test_pgbouncer_ini asserts the setting); this one cannot, so the client does not prepare.
        print(
            f"{deployment.label}: PgBouncer here keeps no prepared statements: psycopg 3 runs "
            "with prepare_threshold=None against it"
        )
        payload["connect_args"] = {"prepare_threshold": None}
    results = run_probe(venv, "sync_engine", payload)
    assert len(results) == PROCESSES
    for result in results:
        assert result["driver"] == driver
        assert result["client_tls"] is True, "the client leg was not encrypted"
        assert result["server_tls"] is True, "the leg into PostgreSQL was not encrypted"
        assert result["rows"] == 4 * TRANSACTIONS
