"""components/network.py: security groups that admit one port from the cluster security group, and
the private placement (subnet group and security group) of RDS and ElastiCache."""

from __future__ import annotations

import pytest

from tests.conftest import ProgramRun

CLUSTER_SG = "sg-0c1a2b3c4d5e6f708"


@pytest.mark.parametrize(("component", "port"), [("metadata-db", 5432), ("shared-storage", 2049)])
def test_security_group_admits_only_its_port_from_the_cluster(
    any_run: ProgramRun, component: str, port: int
) -> None:
    group = any_run.one("aws:ec2/securityGroup:SecurityGroup", f"{component}-sg")
    assert group.inputs["vpcId"] == "vpc-0a1b2c3d4e5f60718"
    assert not group.inputs.get("ingress") and not group.inputs.get("egress")
    rules = [
        r.inputs
        for r in any_run.by_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
        if r.inputs["securityGroupId"] == any_run.state(group)["id"]
    ]
    assert len(rules) == 1
    assert rules[0]["referencedSecurityGroupId"] == CLUSTER_SG
    assert (rules[0]["ipProtocol"], rules[0]["fromPort"], rules[0]["toPort"]) == ("tcp", port, port)
    assert not any(key.startswith("cidr") or key == "prefixListId" for key in rules[0])


PROD_SUBNETS = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"]


@pytest.mark.parametrize(
    ("subnet_group_type", "component", "port"),
    [
        ("aws:rds/subnetGroup:SubnetGroup", "metadata-db", 5432),
        ("aws:elasticache/subnetGroup:SubnetGroup", "broker", 6379),
    ],
)
def test_a_managed_service_runs_in_the_private_subnets_behind_its_own_port(
    prod_run: ProgramRun, subnet_group_type: str, component: str, port: int
) -> None:
    subnet_group = prod_run.one(subnet_group_type, f"{component}-subnets")
    assert subnet_group.inputs["subnetIds"] == PROD_SUBNETS
    group = prod_run.one("aws:ec2/securityGroup:SecurityGroup", f"{component}-sg")
    [rule] = [
        r.inputs
        for r in prod_run.by_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
        if r.inputs["securityGroupId"] == prod_run.state(group)["id"]
    ]
    assert (rule["referencedSecurityGroupId"], rule["fromPort"]) == (CLUSTER_SG, port)
