"""components/cluster_identity.py: the cluster as components see it, one frozen value."""

from __future__ import annotations

import dataclasses

import pytest

from components.cluster_identity import ClusterIdentity
from components.settings import PrivateSubnet
from tests.conftest import ACCOUNT_ID, ProgramRun

SUBNETS = tuple(
    PrivateSubnet.model_validate({"id": f"subnet-0123456{i}", "availabilityZone": f"cn-north-1{z}"})
    for i, z in ((1, "a"), (2, "b"))
)


def identity(partition: str = "aws-cn") -> ClusterIdentity:
    return ClusterIdentity(
        name="data",
        region="cn-north-1",
        account_id="123456789012",
        partition=partition,
        vpc_id="vpc-1",
        vpc_cidrs=("10.0.0.0/16", "100.64.0.0/16"),
        cluster_security_group_id="sg-1",
        oidc_issuer_url="https://oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC",
        private_subnets=SUBNETS,
    )


def test_oidc_provider_in_the_clusters_partition() -> None:
    cluster = identity()
    assert cluster.oidc_provider_host == "oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC"
    assert cluster.oidc_provider_arn == (
        "arn:aws-cn:iam::123456789012:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC"
    )
    assert cluster.private_subnet_ids == ["subnet-01234561", "subnet-01234562"]


def test_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        identity().vpc_id = "vpc-2"  # type: ignore[misc]


def test_the_program_builds_it_from_the_lookups(dev_run: ProgramRun) -> None:
    # Every IRSA role trusts the looked-up provider, and both RDS and EFS use the looked-up VPC.
    for sg in dev_run.by_type("aws:ec2/securityGroup:SecurityGroup"):
        assert sg.inputs["vpcId"] == "vpc-0a1b2c3d4e5f60718"
    role = dev_run.one("aws:iam/role:Role", "shared-storage-csi-driver")
    assert f"arn:aws:iam::{ACCOUNT_ID}:oidc-provider/" in role.inputs["assumeRolePolicy"]
    subnets = dev_run.one("aws:rds/subnetGroup:SubnetGroup").inputs["subnetIds"]
    targets = dev_run.by_type("aws:efs/mountTarget:MountTarget")
    assert sorted(subnets) == sorted(t.inputs["subnetId"] for t in targets)
