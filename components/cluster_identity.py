"""What the components need to know about the existing cluster, in one small typed object."""

from __future__ import annotations

from dataclasses import dataclass

from components.settings import PrivateSubnet


@dataclass(frozen=True)
class ClusterIdentity:
    """The cluster as looked up through the AWS provider, plus the private subnets the stack
    places RDS and EFS in. Plain values only: no provider, no Output."""

    name: str
    region: str
    account_id: str
    partition: str
    vpc_id: str
    # Primary and secondary VPC CIDRs: with VPC CNI custom networking, pods live outside the first.
    vpc_cidrs: tuple[str, ...]
    cluster_security_group_id: str
    oidc_issuer_url: str
    private_subnets: tuple[PrivateSubnet, ...]

    @property
    def oidc_provider_host(self) -> str:
        """The issuer without scheme: the IAM OIDC provider's name and the trust-policy key prefix."""
        return self.oidc_issuer_url.removeprefix("https://")

    @property
    def oidc_provider_arn(self) -> str:
        return (
            f"arn:{self.partition}:iam::{self.account_id}:oidc-provider/{self.oidc_provider_host}"
        )

    @property
    def private_subnet_ids(self) -> list[str]:
        return [subnet.id for subnet in self.private_subnets]
