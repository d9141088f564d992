"""Celery on a TLS broker as Airflow's workers reach prod's: the program's `rediss://` URL (AUTH
token, `ssl_cert_reqs=required`), the server's certificate verified against the default trust store
(the test's CA stands in for it through SSL_CERT_FILE). Prints what kombu made of the URL, then
either why the connection was refused, or the messages that went through."""

from __future__ import annotations

import json
import ssl
import sys
import threading
from typing import Any

import redis
from celery import Celery
from celery.contrib.testing.worker import start_worker

TASKS = 5


def tls_options(app: Celery) -> dict[str, Any]:
    with app.connection_for_write() as connection:
        options = dict(connection.ssl) if isinstance(connection.ssl, dict) else {}
    reqs = options.get("ssl_cert_reqs")
    return {"cert_reqs": ssl.VerifyMode(reqs).name if reqs is not None else None}


def roundtrip(app: Celery) -> dict[str, Any]:
    """A plain kombu message through the broker, then tasks through a worker in this process."""
    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1)
        pool = connection.default_channel.client.connection_pool
        tls_connection = issubclass(pool.connection_class, redis.SSLConnection)
        queue = connection.SimpleQueue("tls-broker-probe")
        queue.put({"hello": "broker"})
        received = queue.get(timeout=10)
        received.ack()
        queue.close()
    ran: list[int] = []
    done = threading.Event()

    @app.task(name="tls_broker.record")
    def record(n: int) -> None:
        ran.append(n)
        if len(ran) == TASKS:
            done.set()

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        for n in range(TASKS):
            record.delay(n)
        done.wait(timeout=60)
    return {"tls_connection": tls_connection, "message": received.payload, "ran": sorted(ran)}


def main() -> None:
    payload = json.load(sys.stdin)
    app = Celery("tls-broker", broker=payload["broker"])
    app.conf.broker_connection_retry_on_startup = False
    app.conf.task_ignore_result = True
    found: dict[str, Any] = tls_options(app)
    try:
        found |= roundtrip(app)
        found["refused"] = None
    except Exception as error:  # the refusal is the finding, reported to the test
        found["refused"] = f"{type(error).__name__}: {error}"
    print(json.dumps(found))


if __name__ == "__main__":
    main()
