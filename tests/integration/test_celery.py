"""Celery's broker URL (kombu to Redis, password from the program) and its database result backend
(through PgBouncer in prod), with both SQLAlchemy stacks."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.consumers import run_probe
from tests.integration.live import LiveDeployment


@pytest.mark.parametrize("venv", ["sqlalchemy20-psycopg2", "sqlalchemy21-psycopg3"])
def test_broker_and_result_backend(live: LiveDeployment, venv: str) -> None:
    deployment = live.deployment
    if live.redis is None:
        pytest.skip(
            f"{deployment.label}: the managed broker (ElastiCache, TLS) is not started here"
        )
    names = deployment.names
    payload: dict[str, Any] = {
        "broker": live.local(deployment.secret(names.broker_url)["connection"]),
        "backend": live.local(deployment.secret(names.result_backend)["connection"]),
    }
    if venv.endswith("psycopg3") and not live.pooler_keeps_prepared_statements:
        print(
            f"{deployment.label}: psycopg 3 runs with prepare_threshold=None against PgBouncer 1.18"
        )
        payload["connect_args"] = {"prepare_threshold": None}
    result = run_probe(venv, "celery_roundtrip", payload)
    assert result["results"] == [0, 2, 4, 6, 8]
    assert result["stored"] >= 5
    assert "redis" in result["transport"].lower()
    assert result["server_tls"] is True
