"""The existing EKS cluster the platform is installed into."""

from __future__ import annotations

from pydantic import Field, field_validator

from components.settings.types import AvailabilityZone, ConfigModel, EksClusterName, SubnetId


class PrivateSubnet(ConfigModel):
    id: SubnetId = Field(description="Private subnet id (subnet-...) in the cluster's VPC.")
    availability_zone: AvailabilityZone = Field(
        description="The subnet's availability zone, e.g. eu-west-1a."
    )


class ClusterSettings(ConfigModel):
    name: EksClusterName = Field(
        description="Name of the existing EKS cluster the platform is installed into."
    )
    private_subnets: list[PrivateSubnet] = Field(
        description="Private subnets for RDS and EFS, one per availability zone. At least two "
        "zones, in every environment: an RDS subnet group must cover two zones even for a "
        "single-AZ instance.",
    )

    @field_validator("private_subnets")
    @classmethod
    def _one_subnet_per_zone(cls, subnets: list[PrivateSubnet]) -> list[PrivateSubnet]:
        if len(subnets) < 2:
            raise ValueError(
                "allowed: at least two subnets in two availability zones (an RDS subnet group "
                "must span two zones, even for a single-AZ instance)"
            )
        seen_ids: set[str] = set()
        seen_zones: dict[str, str] = {}
        for subnet in subnets:
            if subnet.id in seen_ids:
                raise ValueError(f"subnet {subnet.id} is listed twice; list each subnet once")
            seen_ids.add(subnet.id)
            if subnet.availability_zone in seen_zones:
                raise ValueError(
                    f"subnets {seen_zones[subnet.availability_zone]} and {subnet.id} are both in "
                    f"{subnet.availability_zone}; allowed: one subnet per availability zone "
                    "(EFS accepts only one mount target per zone)"
                )
            seen_zones[subnet.availability_zone] = subnet.id
        return subnets

    @property
    def availability_zones(self) -> list[str]:
        return [s.availability_zone for s in self.private_subnets]
