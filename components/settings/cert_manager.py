"""cert-manager and the ACME ClusterIssuer that signs Airflow's certificate."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from components.settings.errors import cross_field
from components.settings.resources import PodResources, pod_resources
from components.settings.types import ConfigModel, EmailAddress, HostedZoneId


class CertManagerResources(ConfigModel):
    controller: PodResources = Field(
        default_factory=lambda: pod_resources("50m", "128Mi", "512Mi"),
        description="The cert-manager controller.",
    )
    webhook: PodResources = Field(
        default_factory=lambda: pod_resources("20m", "64Mi", "256Mi"),
        description="The admission webhook.",
    )
    cainjector: PodResources = Field(
        default_factory=lambda: pod_resources("20m", "128Mi", "512Mi"),
        description="The CA injector.",
    )
    startupapicheck: PodResources = Field(
        default_factory=lambda: pod_resources("10m", "32Mi", "128Mi"),
        description="The post-install API check job.",
    )


class CertManagerSettings(ConfigModel):
    email: EmailAddress = Field(description="ACME account contact e-mail.")
    solver: Literal["http01", "dns01"] = Field(default="http01", description="ACME challenge type.")
    hosted_zone_id: HostedZoneId | None = Field(
        default=None, description="Route 53 hosted zone id, required for dns01."
    )
    acme_server: Literal["staging", "production"] = Field(
        description="Let's Encrypt server: staging (untrusted certificates, generous rate "
        "limits) or production (trusted certificates)."
    )
    replicas: int = Field(
        ge=1,
        le=5,
        description="Replicas of the controller, webhook and CA injector; with 2 or more each "
        "gets a disruption budget keeping one available.",
    )
    resources: CertManagerResources = Field(
        default_factory=CertManagerResources,
        description="Requests and memory limit of each cert-manager deployment.",
    )

    @model_validator(mode="after")
    def _zone_for_dns01(self) -> CertManagerSettings:
        if self.solver == "dns01" and self.hosted_zone_id is None:
            raise cross_field(
                "hostedZoneId",
                "solver dns01 needs hostedZoneId; allowed: the Route 53 hosted zone of the host, "
                "e.g. Z0123456789ABCDEFGHIJ",
            )
        if self.solver == "http01" and self.hosted_zone_id is not None:
            raise cross_field(
                "hostedZoneId",
                "hostedZoneId is only used with solver dns01; allowed: unset with http01, or "
                "set solver, e.g. solver: dns01",
            )
        return self
