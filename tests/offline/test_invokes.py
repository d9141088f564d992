"""offline/invokes.py: the data sources answer in the AWS provider's camelCase shapes."""

from __future__ import annotations

import json

from offline.invokes import ACCOUNT_ID, INVOKES, cluster, policy_document
from offline.runner import ProgramRun
from offline.world import WORLD_INVOKES


def test_every_invoke_the_program_makes_has_an_answer(dev_run: ProgramRun) -> None:
    tokens = {token for token, _ in dev_run.invokes}
    assert tokens >= {
        "aws:eks/getCluster:getCluster",
        "aws:index/getCallerIdentity:getCallerIdentity",
        "aws:index/getPartition:getPartition",
        "aws:ec2/getVpc:getVpc",
    }
    assert tokens <= set(INVOKES) | set(WORLD_INVOKES)


def test_cluster_answers_with_its_oidc_issuer_and_vpc() -> None:
    result = cluster({"name": "c1"}, "eu-west-1")
    assert result["arn"] == f"arn:aws:eks:eu-west-1:{ACCOUNT_ID}:cluster/c1"
    issuer = result["identities"][0]["oidcs"][0]["issuer"]
    assert issuer.startswith("https://oidc.eks.eu-west-1.amazonaws.com/id/")
    assert result["vpcConfig"]["vpcId"].startswith("vpc-")


def test_policy_document_renders_iam_json() -> None:
    result = policy_document(
        {"statements": [{"actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::b/*"]}]},
        "eu-west-1",
    )
    assert json.loads(result["json"]) == {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::b/*"]}
        ],
    }


def test_the_partition_and_identity_follow_the_region() -> None:
    china = INVOKES["aws:index/getPartition:getPartition"]({}, "cn-north-1")
    assert (china["partition"], china["dnsSuffix"], china["reverseDnsPrefix"]) == (
        "aws-cn",
        "amazonaws.com.cn",
        "cn.com.amazonaws",
    )
    gov = INVOKES["aws:index/getCallerIdentity:getCallerIdentity"]({}, "us-gov-west-1")
    assert gov["arn"].startswith("arn:aws-us-gov:iam::")
    assert cluster({"name": "c1"}, "cn-north-1")["arn"].startswith("arn:aws-cn:eks:cn-north-1:")
