"""The PgBouncer exporter's view: SHOW STATS through the stats URL; and TLS on both of PgBouncer's
legs, seen in SHOW CLIENTS and SHOW SERVERS while Airflow holds a connection."""

from __future__ import annotations

import psycopg
import pytest

from tests.integration.live import LiveDeployment


def admin_console(live: LiveDeployment) -> psycopg.Connection:
    stats = live.deployment.secret(live.deployment.names.pgbouncer_stats)["connection"]
    # The admin console speaks only the simple query protocol, as the exporter (lib/pq) uses it.
    return psycopg.connect(live.local(stats), autocommit=True, cursor_factory=psycopg.ClientCursor)


def rows(conn: psycopg.Connection, command: str) -> list[dict]:
    cursor = conn.execute(command)
    names = [c.name for c in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def test_exporter_reads_show_stats(live: LiveDeployment) -> None:
    if live.pgbouncer is None:
        pytest.skip(f"{live.deployment.label} runs no PgBouncer")
    database = live.deployment.secret(live.deployment.names.metadata)["connection"]
    # SHOW STATS lists a database once a client used it: use it here, whatever ran before.
    with psycopg.connect(live.local(database)) as airflow_conn:
        airflow_conn.execute("SELECT 1")
    with admin_console(live) as conn:
        stats = rows(conn, "SHOW STATS")
    exposed = database.rpartition("/")[2].partition("?")[0]
    assert {s["database"] for s in stats} >= {"pgbouncer", exposed}


def test_tls_on_both_pgbouncer_legs(live: LiveDeployment) -> None:
    if live.pgbouncer is None:
        pytest.skip(f"{live.deployment.label} runs no PgBouncer")
    url = live.local(live.deployment.secret(live.deployment.names.metadata)["connection"])
    with psycopg.connect(url) as airflow_conn, admin_console(live) as admin:
        airflow_conn.execute("SELECT 1")  # inside a transaction: holds a server connection
        clients = [c for c in rows(admin, "SHOW CLIENTS") if c["database"] != "pgbouncer"]
        servers = rows(admin, "SHOW SERVERS")
        server_row = airflow_conn.execute(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
        ).fetchone()
    assert server_row is not None
    [server_ssl] = server_row
    assert clients and all(c["tls"] for c in clients), clients
    assert servers and all(s["tls"] for s in servers), servers
    assert server_ssl is True
