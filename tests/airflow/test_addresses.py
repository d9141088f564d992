"""components/airflow/addresses.py: the chart's in-cluster names and ports."""

from __future__ import annotations

from components.airflow.addresses import API_SERVER_PORT, PGBOUNCER_PORT, REDIS_PORT
from tests.conftest import chart_defaults


def test_ports_match_the_chart_defaults() -> None:
    ports = chart_defaults("airflow")["ports"]
    assert PGBOUNCER_PORT == ports["pgbouncer"]
    assert API_SERVER_PORT == ports["apiServer"]
    assert REDIS_PORT == ports["redisDB"]
