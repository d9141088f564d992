"""AWS-shaped answers of the offline mocks: each AWS resource gets the ids, ARNs and endpoints its
provider would return (deterministic, so two plans of one program compare equal)."""

from __future__ import annotations

from collections.abc import Callable

from offline.invokes import ACCOUNT_ID
from offline.mock_request import Answer, MockRequest


def _rds_snapshot(r: MockRequest) -> Answer:
    ident = r.inputs["dbSnapshotIdentifier"]
    arn = f"{r.arn}:rds:{r.region}:{ACCOUNT_ID}:snapshot:{ident}"
    return ident, {**r.inputs, "dbSnapshotArn": arn, "status": "available"}


def _route53_record(r: MockRequest) -> Answer:
    name, typ = r.inputs["name"], r.inputs["type"]
    return f"{r.inputs['zoneId']}_{name}_{typ}", {**r.inputs, "fqdn": name}


def _rds_instance(r: MockRequest) -> Answer:
    ident = r.inputs.get("identifier") or f"{r.name}-{r.hex(2, 7)}"
    address = f"{ident}.c{r.hex(3, 11)}.{r.region}.rds.{r.dns_suffix}"
    port = int(r.inputs.get("port", 5432))
    return ident, {
        **r.inputs,
        "identifier": ident,
        "address": address,
        "endpoint": f"{address}:{port}",
        "port": port,
        "arn": f"{r.arn}:rds:{r.region}:{ACCOUNT_ID}:db:{ident}",
        "resourceId": "db-" + r.hex(4, 26).upper(),
        "hostedZoneId": "Z29XKXDKYMONMX",
        "engineVersionActual": f"{r.inputs.get('engineVersion', '17')}.6",
        "status": "available",
    }


def _rds_group(r: MockRequest) -> Answer:
    name = r.named(5)
    kind = "subgrp" if "subnetGroup" in r.typ else "pg"
    return name, {
        **r.inputs,
        "name": name,
        "arn": f"{r.arn}:rds:{r.region}:{ACCOUNT_ID}:{kind}:{name}",
    }


def _security_group(r: MockRequest) -> Answer:
    sg_id = "sg-" + r.hex(6, 17)
    return sg_id, {
        **r.inputs,
        "name": r.named(7),
        "arn": f"{r.arn}:ec2:{r.region}:{ACCOUNT_ID}:security-group/{sg_id}",
        "ownerId": ACCOUNT_ID,
    }


def _security_group_rule(r: MockRequest) -> Answer:
    rule_id = "sgr-" + r.hex(8, 17)
    arn = f"{r.arn}:ec2:{r.region}:{ACCOUNT_ID}:security-group-rule/{rule_id}"
    return rule_id, {**r.inputs, "securityGroupRuleId": rule_id, "arn": arn}


def _efs_file_system(r: MockRequest) -> Answer:
    fs_id = "fs-" + r.hex(9, 17)
    return fs_id, {
        **r.inputs,
        "arn": f"{r.arn}:elasticfilesystem:{r.region}:{ACCOUNT_ID}:file-system/{fs_id}",
        "dnsName": f"{fs_id}.efs.{r.region}.{r.dns_suffix}",
        "ownerId": ACCOUNT_ID,
        "numberOfMountTargets": 0,
    }


def _efs_mount_target(r: MockRequest) -> Answer:
    file_system_arn = (
        f"{r.arn}:elasticfilesystem:{r.region}:{ACCOUNT_ID}:file-system/"
        f"{r.inputs.get('fileSystemId')}"
    )
    return "fsmt-" + r.hex(10, 17), {
        **r.inputs,
        "ipAddress": f"10.42.{int(r.hex(20, 2), 16)}.{int(r.hex(21, 2), 16) % 240 + 4}",
        "networkInterfaceId": "eni-" + r.hex(11, 17),
        "fileSystemArn": file_system_arn,
    }


def _efs_policy(r: MockRequest) -> Answer:
    return str(r.inputs.get("fileSystemId")), r.inputs


def _log_group(r: MockRequest) -> Answer:
    name = r.named(22)
    return name, {
        **r.inputs,
        "name": name,
        "arn": f"{r.arn}:logs:{r.region}:{ACCOUNT_ID}:log-group:{name}",
    }


def _sns_topic(r: MockRequest) -> Answer:
    # A topic's id is its ARN.
    name = r.named(23)
    arn = f"{r.arn}:sns:{r.region}:{ACCOUNT_ID}:{name}"
    return arn, {**r.inputs, "name": name, "arn": arn}


def _iam_role(r: MockRequest) -> Answer:
    name = r.named(12)
    return name, {
        **r.inputs,
        "name": name,
        "arn": f"{r.arn}:iam::{ACCOUNT_ID}:role/{name}",
        "uniqueId": "AROA" + r.hex(13, 17).upper(),
    }


def _iam_policy(r: MockRequest) -> Answer:
    name = r.named(14)
    arn = f"{r.arn}:iam::{ACCOUNT_ID}:policy/{name}"
    return arn, {**r.inputs, "name": name, "arn": arn, "policyId": "ANPA" + r.hex(15, 17).upper()}


def _role_policy_attachment(r: MockRequest) -> Answer:
    return f"{r.inputs.get('role')}-{r.hex(16, 8)}", r.inputs


def _eks_addon(r: MockRequest) -> Answer:
    cluster, addon = r.inputs["clusterName"], r.inputs["addonName"]
    arn = f"{r.arn}:eks:{r.region}:{ACCOUNT_ID}:addon/{cluster}/{addon}/{r.hex(17, 8)}"
    return f"{cluster}:{addon}", {**r.inputs, "arn": arn}


def _ecr_repository(r: MockRequest) -> Answer:
    name = r.named(23)
    return name, {
        **r.inputs,
        "name": name,
        "arn": f"{r.arn}:ecr:{r.region}:{ACCOUNT_ID}:repository/{name}",
        "registryId": ACCOUNT_ID,
        "repositoryUrl": f"{ACCOUNT_ID}.dkr.ecr.{r.region}.{r.dns_suffix}/{name}",
    }


def _ecr_lifecycle_policy(r: MockRequest) -> Answer:
    return str(r.inputs.get("repository")), {**r.inputs, "registryId": ACCOUNT_ID}


def _elasticache_group(r: MockRequest) -> Answer:
    ident = r.inputs["replicationGroupId"]
    host = f"{ident}.{r.hex(9, 6)}.{r.region[:2]}{r.region.split('-')[1][:1]}1.cache.{r.dns_suffix}"
    return ident, {
        **r.inputs,
        "arn": f"{r.arn}:elasticache:{r.region}:{ACCOUNT_ID}:replicationgroup:{ident}",
        "primaryEndpointAddress": f"master.{host}",
        "readerEndpointAddress": f"replica.{host}",
        "engineVersionActual": f"{r.inputs.get('engineVersion', '8.1')}.0",
    }


def _elasticache_named(r: MockRequest) -> Answer:
    name = r.inputs["name"]
    kind = "subnetgroup" if "subnetGroup" in r.typ else "parametergroup"
    return name, {**r.inputs, "arn": f"{r.arn}:elasticache:{r.region}:{ACCOUNT_ID}:{kind}:{name}"}


def _s3_bucket(r: MockRequest) -> Answer:
    # A bucket's id is its name; its ARN has neither region nor account.
    name = r.inputs.get("bucket") or f"{r.name}-{r.hex(25, 7)}"
    return name, {
        **r.inputs,
        "bucket": name,
        "arn": f"{r.arn}:s3:::{name}",
        "bucketRegionalDomainName": f"{name}.s3.{r.region}.{r.dns_suffix}",
        "region": r.region,
    }


AWS_ANSWERS: dict[str, Callable[[MockRequest], Answer]] = {
    "aws:rds/snapshot:Snapshot": _rds_snapshot,
    "aws:route53/record:Record": _route53_record,
    "aws:rds/instance:Instance": _rds_instance,
    "aws:rds/subnetGroup:SubnetGroup": _rds_group,
    "aws:rds/parameterGroup:ParameterGroup": _rds_group,
    "aws:ec2/securityGroup:SecurityGroup": _security_group,
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": _security_group_rule,
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": _security_group_rule,
    "aws:efs/fileSystem:FileSystem": _efs_file_system,
    "aws:efs/mountTarget:MountTarget": _efs_mount_target,
    "aws:efs/fileSystemPolicy:FileSystemPolicy": _efs_policy,
    "aws:efs/backupPolicy:BackupPolicy": _efs_policy,
    "aws:cloudwatch/logGroup:LogGroup": _log_group,
    "aws:sns/topic:Topic": _sns_topic,
    "aws:iam/role:Role": _iam_role,
    "aws:iam/policy:Policy": _iam_policy,
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": _role_policy_attachment,
    "aws:eks/addon:Addon": _eks_addon,
    "aws:ecr/repository:Repository": _ecr_repository,
    "aws:ecr/lifecyclePolicy:LifecyclePolicy": _ecr_lifecycle_policy,
    "aws:elasticache/replicationGroup:ReplicationGroup": _elasticache_group,
    "aws:elasticache/subnetGroup:SubnetGroup": _elasticache_named,
    "aws:elasticache/parameterGroup:ParameterGroup": _elasticache_named,
    "aws:s3/bucket:Bucket": _s3_bucket,
}
