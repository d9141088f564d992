"""Optional: the DNS record that sends Airflow's host to the ingress controller's load balancer.

Only when `dns.hostedZoneId` is set; otherwise the record is yours to create (docs/first-deploy.md).
A CNAME, since the controller's load balancer is known by its host name and Airflow's host is
never a zone apex. cert-manager's HTTP-01 challenge reaches the controller through this record.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from components.settings import DnsSettings


@dataclass(frozen=True)
class HostRecordArgs:
    settings: DnsSettings
    host: str


class HostRecord(pulumi.ComponentResource):
    fqdn: pulumi.Output[str]

    def __init__(self, name: str, args: HostRecordArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("airflow-platform:dns:HostRecord", name, None, opts)
        cfg = args.settings
        assert cfg.hosted_zone_id is not None and cfg.load_balancer_hostname is not None
        record = aws.route53.Record(
            f"{name}-cname",
            zone_id=cfg.hosted_zone_id,
            name=args.host,
            type="CNAME",
            ttl=cfg.ttl_seconds,
            records=[cfg.load_balancer_hostname],
            # A record someone made by hand is not taken over silently: the create fails instead.
            allow_overwrite=False,
            opts=pulumi.ResourceOptions(parent=self),
        )
        self.fqdn = record.fqdn
        self.register_outputs({"fqdn": self.fqdn})
