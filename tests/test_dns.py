"""components/dns.py: the optional Route 53 record for Airflow's host."""

from __future__ import annotations

import pytest

from tests.conftest import ProgramRun, cached_run

RECORD = "aws:route53/record:Record"
DNS = {
    "airflow-platform:dns": {
        "hostedZoneId": "Z0123456789ABCDEFGHIJ",
        "loadBalancerHostname": "k8s-traefik-1a2b3c4d5e-0123456789abcdef.elb.eu-west-1.amazonaws.com",
    }
}


def test_no_record_without_a_zone(any_run: ProgramRun) -> None:
    assert any_run.by_type(RECORD) == []


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_a_configured_zone_gets_a_cname_to_the_load_balancer(stack: str) -> None:
    run = cached_run(stack, DNS)
    record = run.one(RECORD)
    assert record.inputs == {
        "zoneId": "Z0123456789ABCDEFGHIJ",
        "name": f"airflow.{stack}.example.com" if stack == "dev" else record.inputs["name"],
        "type": "CNAME",
        "ttl": 300,
        "records": [DNS["airflow-platform:dns"]["loadBalancerHostname"]],
        "allowOverwrite": False,
    }
    host = run.one("kubernetes:helm.sh/v3:Release", "airflow-release").inputs["values"]
    assert record.inputs["name"] == host["ingress"]["apiServer"]["hosts"][0]["name"]
    component = run.component_of(record)
    assert component is not None and component.type == "airflow-platform:dns:HostRecord"
    assert "aws" in record.provider
