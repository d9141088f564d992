"""components/network.py: security groups that admit one port from the cluster security group."""

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
