"""components/storage_policy.py: the EFS file system policy (no root, access points only, TLS only,
the CSI driver's role only) and the StorageClass that must mount the way it requires."""

from __future__ import annotations

import fnmatch
import json
from typing import Any

import pytest

from tests.conftest import ACCOUNT_ID, ProgramRun, cached_run
from tests.settings.test_valid_edge_configs import _in_partition

FS = "aws:efs/fileSystem:FileSystem"
POLICY = "aws:efs/fileSystemPolicy:FileSystemPolicy"
SC = "kubernetes:storage.k8s.io/v1:StorageClass"
MOUNT = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
ROOT = "elasticfilesystem:ClientRootAccess"
OWN_DRIVER_ROLE = "arn:aws:iam::123456789012:role/platform/efs-csi-driver"
OWN_DRIVER = {
    "airflow-platform:storage": {"installCsiDriver": False, "csiDriverRoleArn": OWN_DRIVER_ROLE}
}


def policy_of(run: ProgramRun) -> dict[str, Any]:
    return json.loads(run.one(POLICY).inputs["policy"])


def driver_role_arn(run: ProgramRun) -> str:
    return run.state(run.one("aws:iam/role:Role", "shared-storage-csi-driver"))["arn"]


def expected_policy(fs_arn: str, role_arn: str, access_points: str) -> dict[str, Any]:
    everyone = {"AWS": "*"}
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AllowDriverMountsThroughAccessPoints",
                "Effect": "Allow",
                "Principal": {"AWS": role_arn},
                "Action": MOUNT,
                "Resource": fs_arn,
                "Condition": {
                    "Bool": {"elasticfilesystem:AccessedViaMountTarget": "true"},
                    "ArnLike": {"elasticfilesystem:AccessPointArn": access_points},
                },
            },
            {
                "Sid": "DenyWithoutTls",
                "Effect": "Deny",
                "Principal": everyone,
                "Action": "*",
                "Resource": fs_arn,
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            },
            {
                "Sid": "DenyMountsWithoutAccessPoint",
                "Effect": "Deny",
                "Principal": everyone,
                "Action": MOUNT,
                "Resource": fs_arn,
                "Condition": {"Null": {"elasticfilesystem:AccessPointArn": "true"}},
            },
            {
                "Sid": "DenyRootAccess",
                "Effect": "Deny",
                "Principal": everyone,
                "Action": ROOT,
                "Resource": fs_arn,
            },
        ],
    }


def test_the_policy_field_by_field(any_run: ProgramRun) -> None:
    fs_arn = any_run.state(any_run.one(FS))["arn"]
    access_points = f"arn:aws:elasticfilesystem:eu-west-1:{ACCOUNT_ID}:access-point/*"
    assert fs_arn.startswith(f"arn:aws:elasticfilesystem:eu-west-1:{ACCOUNT_ID}:file-system/fs-")
    assert policy_of(any_run) == expected_policy(fs_arn, driver_role_arn(any_run), access_points)
    role = any_run.one("aws:iam/role:Role", "shared-storage-csi-driver")
    assert role.urn in any_run.one(POLICY).dependencies


def test_a_cluster_s_own_driver_is_named_by_its_role() -> None:
    run = cached_run("dev", OWN_DRIVER)
    allow = policy_of(run)["Statement"][0]
    assert allow["Principal"] == {"AWS": OWN_DRIVER_ROLE}
    assert run.one(SC).inputs["mountOptions"] == ["tls", "iam"]


def test_access_points_of_the_stack_s_partition() -> None:
    run = cached_run("prod", _in_partition("cn-north-1", "prod"))
    allow = policy_of(run)["Statement"][0]
    assert allow["Condition"]["ArnLike"] == {
        "elasticfilesystem:AccessPointArn": (
            f"arn:aws-cn:elasticfilesystem:cn-north-1:{ACCOUNT_ID}:access-point/*"
        )
    }
    assert allow["Principal"]["AWS"].startswith("arn:aws-cn:iam::")


# --- What the policy does to a mount: IAM's evaluation of these statements, as EFS applies it. ---


def _matches(statement: dict[str, Any], request: dict[str, Any]) -> bool:
    actions = (
        statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
    )
    principal = statement["Principal"]["AWS"]
    if principal != "*" and principal != request["principal"]:
        return False
    if not any(fnmatch.fnmatchcase(request["action"], a) for a in actions):
        return False
    for operator, tests in statement.get("Condition", {}).items():
        for key, wanted in tests.items():
            value = request["context"].get(key)
            if operator == "Null" and (value is None) != (wanted == "true"):
                return False
            if operator == "Bool" and value != wanted:
                return False
            if operator == "ArnLike" and (value is None or not fnmatch.fnmatchcase(value, wanted)):
                return False
    return True


def allowed(policy: dict[str, Any], request: dict[str, Any]) -> bool:
    """An explicit deny wins; otherwise an allow is needed (the role's own IAM policy, AWS's
    AmazonEFSCSIDriverPolicy, grants no Client* action)."""
    matching = [s["Effect"] for s in policy["Statement"] if _matches(s, request)]
    return "Deny" not in matching and "Allow" in matching


def mount(principal: str | None, action: str, access_point: str | None, tls: bool = True) -> dict:
    context = {
        "aws:SecureTransport": str(tls).lower(),
        "elasticfilesystem:AccessedViaMountTarget": "true",
    }
    if access_point:
        context["elasticfilesystem:AccessPointArn"] = access_point
    return {"principal": principal, "action": action, "context": context}


AP = f"arn:aws:elasticfilesystem:eu-west-1:{ACCOUNT_ID}:access-point/fsap-0123456789abcdef0"
OTHER_ROLE = f"arn:aws:iam::{ACCOUNT_ID}:role/someone-else"


@pytest.mark.parametrize(
    ("who", "action", "access_point", "tls", "admitted"),
    [
        ("driver", "elasticfilesystem:ClientMount", AP, True, True),
        ("driver", "elasticfilesystem:ClientWrite", AP, True, True),
        ("driver", "elasticfilesystem:ClientMount", None, True, False),
        ("driver", "elasticfilesystem:ClientMount", AP, False, False),
        ("driver", ROOT, AP, True, False),
        ("anonymous", "elasticfilesystem:ClientMount", AP, True, False),
        ("other", "elasticfilesystem:ClientMount", AP, True, False),
    ],
)  # fmt: skip
def test_only_the_driver_mounts_through_access_points_over_tls_never_as_root(
    prod_run: ProgramRun, who: str, action: str, access_point: str | None, tls: bool, admitted: bool
) -> None:
    principal = {"driver": driver_role_arn(prod_run), "anonymous": None, "other": OTHER_ROLE}[who]
    assert allowed(policy_of(prod_run), mount(principal, action, access_point, tls)) is admitted


def test_the_old_policy_would_have_admitted_anyone_as_root(prod_run: ProgramRun) -> None:
    """The evaluation can fail: main's earlier policy let any principal mount the root as root."""
    fs_arn = prod_run.state(prod_run.one(FS))["arn"]
    old = expected_policy(fs_arn, "*", "*")
    old["Statement"] = [
        {**old["Statement"][0], "Action": [*MOUNT, ROOT], "Condition": {}},
        old["Statement"][1],
    ]
    assert allowed(old, mount(None, ROOT, None))
    assert not allowed(policy_of(prod_run), mount(None, ROOT, None))


# --- The StorageClass mounts the way the policy requires. ---


def mount_requirements(policy: dict[str, Any]) -> dict[str, str]:
    """What a volume must do for the policy to admit it, read off the policy itself."""
    required: dict[str, str] = {}
    for statement in policy["Statement"]:
        condition = statement.get("Condition", {})
        if condition.get("Bool", {}).get("aws:SecureTransport") == "false":
            required["mountOptions:tls"] = statement["Sid"]
        if statement["Effect"] == "Allow" and statement["Principal"]["AWS"] != "*":
            required["mountOptions:iam"] = statement["Sid"]  # anonymous clients are not it
        if "elasticfilesystem:AccessPointArn" in condition.get("Null", {}):
            required["parameters:provisioningMode=efs-ap"] = statement["Sid"]
    return required


def unmet(policy: dict[str, Any], storage_class: dict[str, Any]) -> list[str]:
    offered = {f"mountOptions:{o}" for o in storage_class.get("mountOptions", [])}
    offered |= {f"parameters:{k}={v}" for k, v in storage_class.get("parameters", {}).items()}
    return sorted(f"{need} (for {sid})" for need, sid in mount_requirements(policy).items()
                  if need not in offered)  # fmt: skip


def test_the_storage_class_mounts_as_the_policy_requires(any_run: ProgramRun) -> None:
    policy = policy_of(any_run)
    assert set(mount_requirements(policy)) == {
        "mountOptions:tls",
        "mountOptions:iam",
        "parameters:provisioningMode=efs-ap",
    }
    assert unmet(policy, any_run.one(SC).inputs) == []


def test_a_storage_class_without_iam_would_be_caught(prod_run: ProgramRun) -> None:
    storage_class = {**prod_run.one(SC).inputs, "mountOptions": ["tls"]}
    assert unmet(policy_of(prod_run), storage_class) == [
        "mountOptions:iam (for AllowDriverMountsThroughAccessPoints)"
    ]
