"""Airflow's synchronous metadata engine, from many processes at once.

Each process builds the engine as airflow.settings does by default (QueuePool of 5 + 10 overflow,
pre-ping, recycle) from the metadata URL, and runs transactions from several threads; each statement
repeats often enough for psycopg 3 to prepare it server-side. Prints, per process, the driver, whether
the client leg and the server leg (pg_stat_ssl of the backend) were TLS, and the rows it saw.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import Connection, create_engine, text

THREADS = 4


def _client_ssl(connection: Connection) -> bool:
    dbapi = connection.connection.dbapi_connection
    assert dbapi is not None, "the connection is checked out"
    pgconn = getattr(dbapi, "pgconn", None)  # psycopg 3
    if pgconn is not None:
        return bool(pgconn.ssl_in_use)
    return bool(dbapi.info.ssl_in_use)  # psycopg2


def worker(args: tuple[str, int, int, dict]) -> dict:
    url, number, transactions, connect_args = args
    engine = create_engine(
        url,
        pool_size=5,
        max_overflow=10,
        pool_recycle=1800,
        pool_pre_ping=True,
        connect_args=connect_args,
    )

    def transaction(thread: int) -> tuple[bool, bool]:
        client_tls = server_tls = True
        for n in range(transactions):
            with engine.begin() as conn:
                conn.execute(
                    text("INSERT INTO datapath_probe (worker, n) VALUES (:w, :n)"),
                    {"w": number * 100 + thread, "n": n},
                )
                server_tls &= bool(
                    conn.execute(
                        text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                    ).scalar_one()
                )
                client_tls &= _client_ssl(conn)
        return client_tls, server_tls

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(transaction, range(THREADS)))
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT count(*) FROM datapath_probe WHERE worker / 100 = :w"), {"w": number}
        ).scalar_one()
    driver = engine.dialect.driver
    engine.dispose()
    return {
        "driver": driver,
        "client_tls": all(c for c, _ in results),
        "server_tls": all(s for _, s in results),
        "rows": rows,
    }


def main() -> None:
    payload = json.load(sys.stdin)
    url, processes, transactions = payload["url"], payload["processes"], payload["transactions"]
    connect_args = payload.get("connect_args", {})
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS datapath_probe"))
        conn.execute(text("CREATE TABLE datapath_probe (id serial, worker int, n int)"))
    engine.dispose()
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes) as pool:
        results = pool.map(worker, [(url, p, transactions, connect_args) for p in range(processes)])
    print(json.dumps(results))


if __name__ == "__main__":
    main()
