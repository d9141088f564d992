"""components/settings/dns.py: the zone and the load balancer come together or not at all."""

from __future__ import annotations

from components.settings import parse_settings
from tests.settings.stacks import VALID_DEV, assert_rejected, with_changes

LB = "k8s-traefik-1a2b3c4d5e-0123456789abcdef.elb.eu-west-1.amazonaws.com"


def test_off_by_default() -> None:
    assert not parse_settings(VALID_DEV).dns.enabled


def test_zone_and_load_balancer_together() -> None:
    raw = with_changes(VALID_DEV, **{"dns": {"hostedZoneId": "Z0123456789ABCDEFGHIJ"}})
    assert_rejected(
        raw,
        "airflow-platform:dns.loadBalancerHostname",
        "hostedZoneId and loadBalancerHostname together",
    )
    both = {"hostedZoneId": "Z0123456789ABCDEFGHIJ", "loadBalancerHostname": LB}
    assert parse_settings(with_changes(VALID_DEV, dns=both)).dns.enabled


def test_a_bad_zone_is_named() -> None:
    raw = with_changes(VALID_DEV, dns={"hostedZoneId": "zone", "loadBalancerHostname": LB})
    assert_rejected(raw, "airflow-platform:dns.hostedZoneId", "a Route 53 hosted zone id")
