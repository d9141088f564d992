"""cert-manager and the ACME ClusterIssuer that signs Airflow's certificate."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from components.settings.types import ConfigModel, EmailAddress, HostedZoneId


class CertManagerSettings(ConfigModel):
    email: EmailAddress = Field(description="ACME account contact e-mail.")
    solver: Literal["http01", "dns01"] = Field(default="http01", description="ACME challenge type.")
    hosted_zone_id: HostedZoneId | None = Field(
        default=None, description="Route 53 hosted zone id, required for dns01."
    )

    @model_validator(mode="after")
    def _zone_for_dns01(self) -> CertManagerSettings:
        if self.solver == "dns01" and self.hosted_zone_id is None:
            raise ValueError("hostedZoneId is required when solver is dns01")
        if self.solver == "http01" and self.hosted_zone_id is not None:
            raise ValueError("hostedZoneId is only used with solver dns01; remove it or set solver")
        return self
