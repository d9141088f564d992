"""Celery as Airflow's workers use it: the broker URL through kombu to Redis, and the database result
backend (`db+postgresql://...`) through SQLAlchemy. A worker in this process runs a task; the
result is read back from the backend."""

from __future__ import annotations

import json
import sys

from celery import Celery
from celery.contrib.testing.worker import start_worker
from sqlalchemy import create_engine, text


def main() -> None:
    payload = json.load(sys.stdin)
    app = Celery("datapath", broker=payload["broker"], backend=payload["backend"])
    app.conf.database_engine_options = {"connect_args": payload.get("connect_args", {})}
    app.conf.broker_connection_retry_on_startup = False

    @app.task(name="datapath.add")
    def add(a: int, b: int) -> int:
        return a + b

    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1)
        transport = connection.transport_cls
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        results = [add.delay(n, n).get(timeout=60) for n in range(5)]
    engine = create_engine(payload["backend"].removeprefix("db+"))
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT count(*) FROM celery_taskmeta WHERE status = 'SUCCESS'")
        ).scalar_one()
        tls = conn.execute(
            text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        ).scalar_one()
    engine.dispose()
    print(
        json.dumps(
            {"transport": str(transport), "results": results, "stored": stored, "server_tls": tls}
        )
    )


if __name__ == "__main__":
    main()
