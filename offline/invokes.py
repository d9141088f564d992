"""What AWS answers to the data-source calls (invokes) the program makes, in the provider's camelCase."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any

from offline.mock_request import dns_suffix_of, partition_of

ACCOUNT_ID = "123456789012"

# A syntactically valid (base64 PEM) certificate authority for the EKS cluster's kubeconfig.
_CLUSTER_CA = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMvakNDQWVhZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmwKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo="


def cluster(args: Mapping[str, Any], region: str) -> dict[str, Any]:
    """aws.eks.get_cluster: an ACTIVE private cluster with an OIDC issuer derived from its name."""
    name = args["name"]
    oidc_id = hashlib.sha1(name.encode()).hexdigest()[:32].upper()
    return {
        "id": name,
        "name": name,
        "arn": f"arn:{partition_of(region)}:eks:{region}:{ACCOUNT_ID}:cluster/{name}",
        "endpoint": f"https://{oidc_id}.gr7.{region}.eks.{dns_suffix_of(region)}",
        "version": "1.34",
        "platformVersion": "eks.9",
        "status": "ACTIVE",
        "roleArn": f"arn:{partition_of(region)}:iam::{ACCOUNT_ID}:role/{name}-cluster",
        "certificateAuthorities": [{"data": _CLUSTER_CA}],
        "identities": [
            {
                "oidcs": [
                    {"issuer": f"https://oidc.eks.{region}.{dns_suffix_of(region)}/id/{oidc_id}"}
                ]
            }
        ],
        "vpcConfig": {
            "vpcId": "vpc-0a1b2c3d4e5f60718",
            "clusterSecurityGroupId": "sg-0c1a2b3c4d5e6f708",
            "securityGroupIds": [],
            "subnetIds": ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
            "endpointPrivateAccess": True,
            "endpointPublicAccess": False,
            "publicAccessCidrs": [],
        },
        "kubernetesNetworkConfigs": [{"ipFamily": "ipv4", "serviceIpv4Cidr": "172.20.0.0/16"}],
        "accessConfigs": [{"authenticationMode": "API_AND_CONFIG_MAP"}],
        "tags": {},
    }


def caller_identity(args: Mapping[str, Any], region: str) -> dict[str, Any]:
    return {
        "accountId": ACCOUNT_ID,
        "arn": f"arn:{partition_of(region)}:iam::{ACCOUNT_ID}:user/deployer",
        "userId": "AIDAEXAMPLEUSERID",
        "id": ACCOUNT_ID,
    }


def partition(args: Mapping[str, Any], region: str) -> dict[str, Any]:
    name, suffix = partition_of(region), dns_suffix_of(region)
    return {
        "id": name,
        "partition": name,
        "dnsSuffix": suffix,
        "reverseDnsPrefix": ".".join(reversed(suffix.split("."))),
    }


def aws_region(args: Mapping[str, Any], region: str) -> dict[str, Any]:
    return {
        "id": region,
        "name": region,
        "region": region,
        "endpoint": f"ec2.{region}.{dns_suffix_of(region)}",
    }


def vpc(args: Mapping[str, Any], region: str) -> dict[str, Any]:
    """aws.ec2.get_vpc: a VPC with a primary and a secondary (pod) CIDR block."""
    vpc_id = args["id"]
    return {
        "id": vpc_id,
        "arn": f"arn:{partition_of(region)}:ec2:{region}:{ACCOUNT_ID}:vpc/{vpc_id}",
        "cidrBlock": "10.42.0.0/16",
        "cidrBlockAssociations": [
            {
                "associationId": "vpc-cidr-assoc-1",
                "cidrBlock": "10.42.0.0/16",
                "state": "associated",
            },
            {
                "associationId": "vpc-cidr-assoc-2",
                "cidrBlock": "100.64.0.0/16",
                "state": "associated",
            },
        ],
        "default": False,
        "state": "available",
        "ownerId": ACCOUNT_ID,
        "tags": {},
    }


def policy_document(args: Mapping[str, Any], region: str) -> dict[str, Any]:
    """aws.iam.get_policy_document: the statements as IAM JSON."""
    statements = []
    for st in args.get("statements") or []:
        out: dict[str, Any] = {"Effect": st.get("effect", "Allow")}
        if st.get("actions"):
            out["Action"] = st["actions"]
        if st.get("resources"):
            out["Resource"] = st["resources"]
        statements.append(out)
    document = json.dumps({"Version": "2012-10-17", "Statement": statements})
    return {"id": "policy", "json": document}


INVOKES: dict[str, Callable[[Mapping[str, Any], str], dict[str, Any]]] = {
    "aws:eks/getCluster:getCluster": cluster,
    "aws:index/getCallerIdentity:getCallerIdentity": caller_identity,
    "aws:index/getPartition:getPartition": partition,
    "aws:index/getRegion:getRegion": aws_region,
    "aws:ec2/getVpc:getVpc": vpc,
    "aws:iam/getPolicyDocument:getPolicyDocument": policy_document,
}
