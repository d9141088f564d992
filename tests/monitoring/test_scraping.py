"""components/monitoring/scraping.py: ServiceMonitors validate against their CRD schema and select
the chart's Services and metrics ports as the chart's templates define them."""

from __future__ import annotations

import io
import tarfile

import yaml

from components.monitoring.scraping import service_monitors
from components.monitoring.target import (
    PGBOUNCER_SCRAPE_PORT,
    PGBOUNCER_SCRAPE_PORT_NAME,
    STATSD_SCRAPE_PORT,
    STATSD_SCRAPE_PORT_NAME,
    AirflowTarget,
)
from tests.conftest import chart_file, crd_schema_errors

MONITOR_SCHEMA = "monitoring.coreos.com/servicemonitor_v1.json"
LABELS = {"release": "kube-prometheus-stack"}


def chart_template(path: str) -> str:
    archive = chart_file("airflow", "airflow-1.22.0.tgz")
    with tarfile.open(archive) as tar:
        member = tar.extractfile(f"airflow/{path}")
        assert member is not None
        return io.TextIOWrapper(member, encoding="utf-8").read()


def test_service_monitors_match_their_crd_schema(target: AirflowTarget) -> None:
    monitors = service_monitors(target, LABELS)
    assert [m["metadata"]["name"] for m in monitors] == ["airflow-statsd", "airflow-pgbouncer"]
    for monitor in monitors:
        assert crd_schema_errors(MONITOR_SCHEMA, monitor) == []
        assert monitor["metadata"]["labels"] == LABELS
    monitors[0]["spec"]["endpoints"][0]["interval"] = "half a minute"
    assert crd_schema_errors(MONITOR_SCHEMA, monitors[0]) != []


def test_only_the_airflow_namespace_and_one_port_each(target: AirflowTarget) -> None:
    for monitor in service_monitors(target, LABELS):
        assert monitor["spec"]["namespaceSelector"] == {"matchNames": ["airflow"]}
        assert len(monitor["spec"]["endpoints"]) == 1


def test_ports_and_selectors_are_the_charts() -> None:
    """The port names and numbers, and the Service labels, as the chart's templates write them."""
    defaults = yaml.safe_load(chart_file("airflow", "values.yaml").read_text())
    assert defaults["ports"]["statsdScrape"] == STATSD_SCRAPE_PORT
    assert defaults["ports"]["pgbouncerScrape"] == PGBOUNCER_SCRAPE_PORT
    for component, port_name, port_key in (
        ("statsd", STATSD_SCRAPE_PORT_NAME, "statsdScrape"),
        ("pgbouncer", PGBOUNCER_SCRAPE_PORT_NAME, "pgbouncerScrape"),
    ):
        service = chart_template(f"templates/{component}/{component}-service.yaml")
        assert f"component: {component}\n" in service
        assert f"- name: {port_name}\n" in service
        assert f"port: {{{{ .Values.ports.{port_key} }}}}" in service


def test_no_pgbouncer_monitor_without_pgbouncer() -> None:
    target = AirflowTarget(namespace="airflow", release_name="airflow", pgbouncer=False)
    assert [m["metadata"]["name"] for m in service_monitors(target, {})] == ["airflow-statsd"]
