"""components/monitoring/network.py with the rendered chart: the ServiceMonitors select real
Services, ports and pods, and the NetworkPolicy evaluator shows Prometheus reaching exactly the
two scraped ports, with nothing else newly opened to anyone."""

from __future__ import annotations

from typing import Any

import pytest

from components.pins import AIRFLOW_CHART
from offline.rendering import HelmRelease, render_release
from offline.verify.network import Endpoint, allowed, endpoints
from offline.verify.objects import pod_templates
from tests.conftest import ProgramRun

PROMETHEUS = Endpoint("prometheus", "monitoring", {"app.kubernetes.io/name": "prometheus"})


def rendered_chart(run: ProgramRun) -> list[dict[str, Any]]:
    release = run.one("kubernetes:helm.sh/v3:Release", "airflow-release").inputs
    return render_release(
        HelmRelease(AIRFLOW_CHART, release["name"], release["namespace"], release["values"])
    )


def program_objects(run: ProgramRun, type_: str) -> list[dict[str, Any]]:
    api, kind = type_.removeprefix("kubernetes:").rsplit(":", 1)
    return [
        {"apiVersion": api.replace("core/", ""), "kind": kind, **r.inputs}
        for r in run.by_type(type_)
    ]


@pytest.fixture(scope="module")
def prod(prod_run: ProgramRun) -> dict[str, list[dict[str, Any]]]:
    monitors = [
        r.inputs for r in prod_run.registrations if r.inputs.get("kind") == "ServiceMonitor"
    ]
    policies = program_objects(prod_run, "kubernetes:networking.k8s.io/v1:NetworkPolicy")
    return {"chart": rendered_chart(prod_run), "monitors": monitors, "policies": policies}


def _labels_match(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return all(labels.get(k) == v for k, v in selector.items())


def test_each_service_monitor_selects_a_rendered_service_port_and_pod(prod: dict) -> None:
    services = [o for o in prod["chart"] if o["kind"] == "Service"]
    pods = pod_templates(prod["chart"])
    assert len(prod["monitors"]) == 2
    for monitor in prod["monitors"]:
        selector = monitor["spec"]["selector"]["matchLabels"]
        (service,) = [
            s
            for s in services
            if s["metadata"]["namespace"] in monitor["spec"]["namespaceSelector"]["matchNames"]
            and _labels_match(selector, s["metadata"]["labels"])
        ]
        (endpoint,) = monitor["spec"]["endpoints"]
        (port,) = [p for p in service["spec"]["ports"] if p["name"] == endpoint["port"]]
        assert port["protocol"] == "TCP"
        target_port = port.get("targetPort", port["port"])
        backing = [p for p in pods if _labels_match(service["spec"]["selector"], dict(p.labels))]
        assert len(backing) == 1, service["metadata"]["name"]
        container_ports = [
            cp["containerPort"] for c in backing[0].containers() for cp in c.get("ports") or []
        ]
        assert target_port in container_ports, (service["metadata"]["name"], target_port)


def _openings(objects: list[dict[str, Any]], source: Endpoint) -> set[tuple[str, str, int]]:
    """(pod, protocol, port) `source` may open, over every port any rendered container declares."""
    return {
        (pod.name, protocol, port)
        for pod in endpoints(objects)
        for port in set(pod.named_ports.values())
        for protocol in ("TCP", "UDP")
        if allowed(objects, source, pod, port, protocol)
    }


def test_prometheus_reaches_exactly_the_scraped_ports(prod: dict) -> None:
    before = _openings(prod["chart"], PROMETHEUS)
    after = _openings(prod["chart"] + prod["policies"], PROMETHEUS)
    assert before <= after
    assert after - before == {
        ("Deployment/airflow/airflow-statsd", "TCP", 9102),
        ("Deployment/airflow/airflow-pgbouncer", "TCP", 9127),
    }
    # Not StatsD's ingest port, not PgBouncer's database port.
    assert not {o for o in after if o[2] in (9125, 6543)}


@pytest.mark.parametrize(
    "other",
    [
        Endpoint("grafana", "monitoring", {"app.kubernetes.io/name": "grafana"}),
        Endpoint("impostor", "default", {"app.kubernetes.io/name": "prometheus"}),
    ],
)
def test_nothing_newly_opened_to_anyone_else(prod: dict, other: Endpoint) -> None:
    assert _openings(prod["chart"] + prod["policies"], other) == _openings(prod["chart"], other)
