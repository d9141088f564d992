"""Provider-like mocks: each resource gets the id and outputs its provider would return, in shape.

Random resources produce real random values honouring their inputs; AWS resources return AWS-shaped
ids, ARNs and endpoints (deterministic, so two plans of one program compare equal); Kubernetes objects
get their name and uid; invokes answer as in `offline.invokes`.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pulumi

from offline.invokes import ACCOUNT_ID, INVOKES
from offline.world import SECRET_TYPE, WORLD_INVOKES, World

__all__ = ["ACCOUNT_ID", "PlatformMocks", "random_password", "stable_hex"]


def stable_hex(key: str, n: int) -> str:
    """Deterministic hex for ids and endpoints, so two renders of one program are comparable."""
    digest = ""
    counter = 0
    while len(digest) < n:
        digest += hashlib.sha256(f"{key}#{counter}".encode()).hexdigest()
        counter += 1
    return digest[:n]


def random_password(inputs: Mapping[str, Any]) -> str:
    """What pulumi_random's RandomPassword/RandomString produce for these inputs."""
    length = int(inputs.get("length", 16))
    classes: list[tuple[str, int]] = []
    if inputs.get("upper", True):
        classes.append((string.ascii_uppercase, int(inputs.get("minUpper", 0))))
    if inputs.get("lower", True):
        classes.append((string.ascii_lowercase, int(inputs.get("minLower", 0))))
    if inputs.get("numeric", inputs.get("number", True)):
        classes.append((string.digits, int(inputs.get("minNumeric", 0))))
    if inputs.get("special", True):
        specials = inputs.get("overrideSpecial") or "!@#$%&*()-_=+[]{}<>:?"
        classes.append((specials, int(inputs.get("minSpecial", 0))))
    chars = [secrets.choice(pool) for pool, minimum in classes for _ in range(minimum)]
    alphabet = "".join(pool for pool, _ in classes)
    chars += [secrets.choice(alphabet) for _ in range(length - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


@dataclass(frozen=True)
class _Request:
    """One resource to answer for: its type, name, inputs, and the region it lives in."""

    typ: str
    name: str
    inputs: dict[str, Any]
    region: str

    def hex(self, purpose: int, n: int) -> str:
        """A stable hex string for this resource; `purpose` keeps its different ids apart."""
        return stable_hex(f"{self.typ}/{self.name}/{purpose}", n)

    def named(self, purpose: int) -> str:
        """The `name` input, or the auto-name the provider gives (name plus random suffix)."""
        return self.inputs.get("name") or f"{self.name}-{self.hex(purpose, 7)}"


_Answer = tuple[str, dict[str, Any]]


def _random_password(r: _Request) -> _Answer:
    return r.name, {
        **r.inputs,
        "result": random_password(r.inputs),
        "bcryptHash": "$2a$10$" + r.hex(1, 53),
    }


def _random_string(r: _Request) -> _Answer:
    return r.name, {**r.inputs, "result": random_password(r.inputs)}


def _random_bytes(r: _Request) -> _Answer:
    raw = secrets.token_bytes(int(r.inputs["length"]))
    return r.name, {**r.inputs, "base64": base64.b64encode(raw).decode(), "hex": raw.hex()}


def _random_id(r: _Request) -> _Answer:
    # Not a secret (it names things): stable, so two plans of one program compare equal.
    raw = bytes.fromhex(r.hex(24, 2 * int(r.inputs["byteLength"])))
    b64_url = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    return b64_url, {
        **r.inputs,
        "hex": raw.hex(),
        "b64Std": base64.b64encode(raw).decode(),
        "b64Url": b64_url,
        "dec": str(int.from_bytes(raw, "big")),
    }


def _rds_snapshot(r: _Request) -> _Answer:
    ident = r.inputs["dbSnapshotIdentifier"]
    arn = f"arn:aws:rds:{r.region}:{ACCOUNT_ID}:snapshot:{ident}"
    return ident, {**r.inputs, "dbSnapshotArn": arn, "status": "available"}


def _route53_record(r: _Request) -> _Answer:
    name, typ = r.inputs["name"], r.inputs["type"]
    return f"{r.inputs['zoneId']}_{name}_{typ}", {**r.inputs, "fqdn": name}


def _rds_instance(r: _Request) -> _Answer:
    ident = r.inputs.get("identifier") or f"{r.name}-{r.hex(2, 7)}"
    address = f"{ident}.c{r.hex(3, 11)}.{r.region}.rds.amazonaws.com"
    port = int(r.inputs.get("port", 5432))
    return ident, {
        **r.inputs,
        "identifier": ident,
        "address": address,
        "endpoint": f"{address}:{port}",
        "port": port,
        "arn": f"arn:aws:rds:{r.region}:{ACCOUNT_ID}:db:{ident}",
        "resourceId": "db-" + r.hex(4, 26).upper(),
        "hostedZoneId": "Z29XKXDKYMONMX",
        "engineVersionActual": f"{r.inputs.get('engineVersion', '17')}.6",
        "status": "available",
    }


def _rds_group(r: _Request) -> _Answer:
    name = r.named(5)
    kind = "subgrp" if "subnetGroup" in r.typ else "pg"
    return name, {
        **r.inputs,
        "name": name,
        "arn": f"arn:aws:rds:{r.region}:{ACCOUNT_ID}:{kind}:{name}",
    }


def _security_group(r: _Request) -> _Answer:
    sg_id = "sg-" + r.hex(6, 17)
    return sg_id, {
        **r.inputs,
        "name": r.named(7),
        "arn": f"arn:aws:ec2:{r.region}:{ACCOUNT_ID}:security-group/{sg_id}",
        "ownerId": ACCOUNT_ID,
    }


def _security_group_rule(r: _Request) -> _Answer:
    rule_id = "sgr-" + r.hex(8, 17)
    arn = f"arn:aws:ec2:{r.region}:{ACCOUNT_ID}:security-group-rule/{rule_id}"
    return rule_id, {**r.inputs, "securityGroupRuleId": rule_id, "arn": arn}


def _efs_file_system(r: _Request) -> _Answer:
    fs_id = "fs-" + r.hex(9, 17)
    return fs_id, {
        **r.inputs,
        "arn": f"arn:aws:elasticfilesystem:{r.region}:{ACCOUNT_ID}:file-system/{fs_id}",
        "dnsName": f"{fs_id}.efs.{r.region}.amazonaws.com",
        "ownerId": ACCOUNT_ID,
        "numberOfMountTargets": 0,
    }


def _efs_mount_target(r: _Request) -> _Answer:
    file_system_arn = (
        f"arn:aws:elasticfilesystem:{r.region}:{ACCOUNT_ID}:file-system/"
        f"{r.inputs.get('fileSystemId')}"
    )
    return "fsmt-" + r.hex(10, 17), {
        **r.inputs,
        "ipAddress": f"10.42.{int(r.hex(20, 2), 16)}.{int(r.hex(21, 2), 16) % 240 + 4}",
        "networkInterfaceId": "eni-" + r.hex(11, 17),
        "fileSystemArn": file_system_arn,
    }


def _efs_policy(r: _Request) -> _Answer:
    return str(r.inputs.get("fileSystemId")), r.inputs


def _log_group(r: _Request) -> _Answer:
    name = r.named(22)
    return name, {
        **r.inputs,
        "name": name,
        "arn": f"arn:aws:logs:{r.region}:{ACCOUNT_ID}:log-group:{name}",
    }


def _sns_topic(r: _Request) -> _Answer:
    # A topic's id is its ARN.
    name = r.named(23)
    arn = f"arn:aws:sns:{r.region}:{ACCOUNT_ID}:{name}"
    return arn, {**r.inputs, "name": name, "arn": arn}


def _iam_role(r: _Request) -> _Answer:
    name = r.named(12)
    return name, {
        **r.inputs,
        "name": name,
        "arn": f"arn:aws:iam::{ACCOUNT_ID}:role/{name}",
        "uniqueId": "AROA" + r.hex(13, 17).upper(),
    }


def _iam_policy(r: _Request) -> _Answer:
    name = r.named(14)
    arn = f"arn:aws:iam::{ACCOUNT_ID}:policy/{name}"
    return arn, {**r.inputs, "name": name, "arn": arn, "policyId": "ANPA" + r.hex(15, 17).upper()}


def _role_policy_attachment(r: _Request) -> _Answer:
    return f"{r.inputs.get('role')}-{r.hex(16, 8)}", r.inputs


def _eks_addon(r: _Request) -> _Answer:
    cluster, addon = r.inputs["clusterName"], r.inputs["addonName"]
    arn = f"arn:aws:eks:{r.region}:{ACCOUNT_ID}:addon/{cluster}/{addon}/{r.hex(17, 8)}"
    return f"{cluster}:{addon}", {**r.inputs, "arn": arn}


def _ecr_repository(r: _Request) -> _Answer:
    name = r.named(23)
    return name, {
        **r.inputs,
        "name": name,
        "arn": f"arn:aws:ecr:{r.region}:{ACCOUNT_ID}:repository/{name}",
        "registryId": ACCOUNT_ID,
        "repositoryUrl": f"{ACCOUNT_ID}.dkr.ecr.{r.region}.amazonaws.com/{name}",
    }


def _ecr_lifecycle_policy(r: _Request) -> _Answer:
    return str(r.inputs.get("repository")), {**r.inputs, "registryId": ACCOUNT_ID}


def _kubernetes(r: _Request) -> _Answer:
    """Any Kubernetes object (and Helm release): id `namespace/name`, metadata gains a uid."""
    metadata = dict(r.inputs.get("metadata") or {})
    name = metadata.get("name") or r.inputs.get("name") or f"{r.name}-{r.hex(18, 8)}"
    namespace = metadata.get("namespace") or r.inputs.get("namespace")
    state = {**r.inputs}
    if metadata:
        state["metadata"] = {**metadata, "name": name, "uid": r.hex(19, 32)}
    if r.typ == "kubernetes:helm.sh/v3:Release":
        state["name"] = name
        state["status"] = {
            "name": name,
            "namespace": namespace,
            "status": "deployed",
            "version": r.inputs.get("version"),
            "chart": r.inputs.get("chart"),
            "revision": 1,
        }
    return (f"{namespace}/{name}" if namespace else name), state


_RESOURCES: dict[str, Callable[[_Request], _Answer]] = {
    "random:index/randomPassword:RandomPassword": _random_password,
    "random:index/randomString:RandomString": _random_string,
    "random:index/randomBytes:RandomBytes": _random_bytes,
    "random:index/randomId:RandomId": _random_id,
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
}


class PlatformMocks(pulumi.runtime.Mocks):
    """Answers like AWS, Kubernetes and random would, in shape if not in substance."""

    def __init__(self, region: str = "eu-west-1", world: World | None = None) -> None:
        self.region = region
        self.world = world or World()
        self.invokes: list[tuple[str, dict[str, Any]]] = []

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict, list]:
        self.invokes.append((args.token, dict(args.args)))
        answer = INVOKES.get(args.token)
        if args.token in WORLD_INVOKES:
            answer = getattr(self.world, WORLD_INVOKES[args.token])
        if answer is None:
            raise NotImplementedError(f"the offline engine has no mock for invoke {args.token}")
        return answer(args.args, self.region), []

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict]:
        request = _Request(args.typ, args.name, dict(args.inputs), self.region)
        if args.resource_id and args.typ == SECRET_TYPE:  # a read (`Secret.get`)
            self.world.read_secret(args.resource_id, args.name)
        if args.typ.startswith("pulumi:providers:"):
            return f"{args.name}-provider-id", request.inputs
        answer = _RESOURCES.get(args.typ)
        if answer is None and args.typ.startswith("kubernetes:"):
            answer = _kubernetes
        if answer is None:
            return f"{args.name}-id", request.inputs
        return answer(request)
