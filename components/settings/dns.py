"""An optional Route 53 record for Airflow's host, pointing at the ingress controller."""

from __future__ import annotations

from pydantic import Field, model_validator

from components.settings.errors import cross_field
from components.settings.types import ConfigModel, HostedZoneId, HostName


class DnsSettings(ConfigModel):
    hosted_zone_id: HostedZoneId | None = Field(
        default=None,
        description="Route 53 zone holding airflow.host; unset: you create the record yourself.",
    )
    load_balancer_hostname: HostName | None = Field(
        default=None,
        description="The ingress controller's load balancer host name the record points at.",
    )
    ttl_seconds: int = Field(default=300, ge=60, le=86400, description="The record's TTL.")

    @property
    def enabled(self) -> bool:
        return self.hosted_zone_id is not None

    @model_validator(mode="after")
    def _both_or_neither(self) -> DnsSettings:
        if (self.hosted_zone_id is None) != (self.load_balancer_hostname is None):
            missing = "hostedZoneId" if self.hosted_zone_id is None else "loadBalancerHostname"
            raise cross_field(
                missing,
                "allowed: hostedZoneId and loadBalancerHostname together (e.g. Z0123456789ABCDEFGHIJ "
                "and k8s-traefik-1a2b3c4d5e-0123456789abcdef.elb.eu-west-1.amazonaws.com), or "
                "neither",
            )
        return self
