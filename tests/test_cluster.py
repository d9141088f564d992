"""components/cluster.py: the cluster lookup and the explicit providers built from it."""

from __future__ import annotations

import json

from components.cluster import build_kubeconfig
from tests.conftest import ACCOUNT_ID, ProgramRun


def test_aws_provider_has_region_and_default_tags(prod_run: ProgramRun) -> None:
    provider = prod_run.one("pulumi:providers:aws")
    assert provider.inputs["region"] == "eu-west-1"
    tags = (
        json.loads(provider.inputs["defaultTags"])["tags"]
        if isinstance(provider.inputs["defaultTags"], str)
        else provider.inputs["defaultTags"]["tags"]
    )
    assert tags == {"project": "airflow-platform", "stack": "prod", "managed-by": "pulumi"}


def test_kubernetes_provider_is_built_from_the_looked_up_cluster(prod_run: ProgramRun) -> None:
    provider = prod_run.one("pulumi:providers:kubernetes")
    kubeconfig = json.loads(provider.inputs["kubeconfig"])
    cluster = kubeconfig["clusters"][0]["cluster"]
    looked_up = next(
        args for token, args in prod_run.invokes if token == "aws:eks/getCluster:getCluster"
    )
    assert looked_up["name"] == "data-platform-prod"
    assert cluster["server"].endswith(".gr7.eu-west-1.eks.amazonaws.com")
    assert cluster["certificate-authority-data"].startswith("LS0t")
    exec_ = kubeconfig["users"][0]["user"]["exec"]
    assert exec_["command"] == "aws"
    assert exec_["args"][:4] == ["eks", "get-token", "--cluster-name", "data-platform-prod"]
    assert "--region" in exec_["args"] and "eu-west-1" in exec_["args"]


def test_every_resource_uses_an_explicit_provider(any_run: ProgramRun) -> None:
    for registration in any_run.registrations:
        if not registration.custom or registration.type.startswith(
            ("pulumi:providers:", "random:")
        ):
            continue
        provider_name = registration.provider.split("::")[-2]
        expected = "aws" if registration.type.startswith("aws:") else "eks"
        assert provider_name == expected, (
            f"{registration.type} {registration.name}: {registration.provider}"
        )


def test_invokes_go_through_the_explicit_aws_provider(dev_run: ProgramRun) -> None:
    # The lookups ran (the harness records them) and the derived values reached the resources.
    sg_rule = dev_run.one(
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "metadata-db-from-cluster"
    )
    assert sg_rule.inputs["referencedSecurityGroupId"] == "sg-0c1a2b3c4d5e6f708"
    sg = dev_run.one("aws:ec2/securityGroup:SecurityGroup", "metadata-db-sg")
    assert sg.inputs["vpcId"] == "vpc-0a1b2c3d4e5f60718"


def test_irsa_roles_trust_the_clusters_oidc_provider(prod_run: ProgramRun) -> None:
    # The image registry's CI roles trust GitHub's provider instead (tests/test_registry_access.py),
    # RDS Enhanced Monitoring's role a service (tests/test_database_monitoring.py).
    others = ("image-registry-", "metadata-db-monitoring")
    irsa_roles = [r for r in prod_run.by_type("aws:iam/role:Role") if not r.name.startswith(others)]
    assert irsa_roles
    for role in irsa_roles:
        statement = json.loads(role.inputs["assumeRolePolicy"])["Statement"][0]
        federated = statement["Principal"]["Federated"]
        assert federated.startswith(
            f"arn:aws:iam::{ACCOUNT_ID}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/"
        )


def test_kubeconfig_uses_exec_auth_and_no_static_token() -> None:
    config = json.loads(build_kubeconfig("c", "eu-west-1", "https://x", "Q0E="))
    user = config["users"][0]["user"]
    assert set(user) == {"exec"}
    assert config["current-context"] == "c"
