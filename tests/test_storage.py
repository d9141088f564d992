"""components/storage.py: EFS file system, mount targets, CSI driver and the RWX StorageClass."""

from __future__ import annotations

import json

import pytest

from offline.invokes import cluster
from tests.conftest import ACCOUNT_ID, ProgramRun, cached_run, execute_program
from tests.decisions import dev_with_flipped_decisions

FS = "aws:efs/fileSystem:FileSystem"
SC = "kubernetes:storage.k8s.io/v1:StorageClass"
EXISTING_DRIVER = {
    "airflow-platform:storage": {
        "installCsiDriver": False,
        "csiDriverRoleArn": "arn:aws:iam::123456789012:role/platform/efs-csi-driver",
    }
}


def test_file_system_is_encrypted_elastic_and_tiered(any_run: ProgramRun) -> None:
    fs = any_run.one(FS).inputs
    assert fs["encrypted"] is True
    assert fs["performanceMode"] == "generalPurpose"
    assert fs["throughputMode"] == "elastic"
    transitions = [
        p.get("transitionToIa") for p in fs["lifecyclePolicies"] if "transitionToIa" in p
    ]
    assert transitions == ["AFTER_30_DAYS" if any_run.stack == "prod" else "AFTER_7_DAYS"]


def test_transition_days_come_from_config() -> None:
    run = cached_run("dev", {"airflow-platform:storage": {"transitionToIaDays": 1}})
    policies = run.one(FS).inputs["lifecyclePolicies"]
    assert {"transitionToIa": "AFTER_1_DAY"} in policies


def test_customer_kms_key_is_optional() -> None:
    arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    assert (
        cached_run("dev", {"airflow-platform:storage": {"kmsKeyArn": arn}})
        .one(FS)
        .inputs["kmsKeyId"]
        == arn
    )
    assert "kmsKeyId" not in cached_run("dev").one(FS).inputs


def test_backups_on_in_prod_only(dev_run: ProgramRun, prod_run: ProgramRun) -> None:
    status = {
        run.stack: run.one("aws:efs/backupPolicy:BackupPolicy").inputs["backupPolicy"]["status"]
        for run in (dev_run, prod_run)
    }
    assert status == {"dev": "DISABLED", "prod": "ENABLED"}


def test_one_mount_target_per_zone_in_a_cluster_only_security_group(any_run: ProgramRun) -> None:
    targets = any_run.by_type("aws:efs/mountTarget:MountTarget")
    zones = {s["availabilityZone"] for s in _subnets(any_run)}
    assert len(targets) == len(zones)
    assert sorted(t.inputs["subnetId"] for t in targets) == sorted(
        s["id"] for s in _subnets(any_run)
    )
    sg = any_run.one("aws:ec2/securityGroup:SecurityGroup", "shared-storage-sg")
    sg_id = any_run.state(sg)["id"]
    assert all(t.inputs["securityGroups"] == [sg_id] for t in targets)
    rules = [
        r.inputs
        for r in any_run.by_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
        if r.inputs["securityGroupId"] == sg_id
    ]
    assert rules == [
        {
            **rules[0],
            "referencedSecurityGroupId": "sg-0c1a2b3c4d5e6f708",
            "ipProtocol": "tcp",
            "fromPort": 2049,
            "toPort": 2049,
        }
    ]
    assert not sg.inputs.get("ingress")


def _subnets(run: ProgramRun) -> list[dict]:
    from tests.conftest import load_stack_config

    return load_stack_config(run.stack)["airflow-platform:cluster"]["privateSubnets"]


def test_two_subnets_in_one_zone_are_rejected_with_the_key_named() -> None:
    subnets = [
        {"id": "subnet-0a1b2c3d4e5f60001", "availabilityZone": "eu-west-1a"},
        {"id": "subnet-0a1b2c3d4e5f60002", "availabilityZone": "eu-west-1a"},
        {"id": "subnet-0a1b2c3d4e5f60003", "availabilityZone": "eu-west-1b"},
    ]
    execution = execute_program("prod", {"airflow-platform:cluster": {"privateSubnets": subnets}})
    assert "airflow-platform:cluster.privateSubnets:" in str(execution.error)
    assert "one subnet per availability zone" in str(execution.error)
    assert execution.monitor.registrations == []


def test_csi_driver_addon_is_pinned_with_an_irsa_role(any_run: ProgramRun) -> None:
    addon = any_run.one("aws:eks/addon:Addon")
    assert addon.inputs["addonName"] == "aws-efs-csi-driver"
    assert (
        addon.inputs["addonVersion"].startswith("v") and "eksbuild" in addon.inputs["addonVersion"]
    )
    assert addon.inputs["clusterName"] == f"data-platform-{any_run.stack}"
    role = any_run.one("aws:iam/role:Role", "shared-storage-csi-driver")
    assert addon.inputs["serviceAccountRoleArn"] == any_run.state(role)["arn"]
    trust = json.loads(role.inputs["assumeRolePolicy"])
    issuer = cluster({"name": f"data-platform-{any_run.stack}"}, "eu-west-1")["identities"][0]
    host = issuer["oidcs"][0]["issuer"].removeprefix("https://")
    provider = f"arn:aws:iam::{ACCOUNT_ID}:oidc-provider/{host}"
    # Exactly the add-on's two accounts: the controller (access points) and the node plugin,
    # which mounts as this role; no other kube-system account named efs-csi-*.
    assert trust == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Federated": provider},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {
                    "StringEquals": {
                        f"{host}:aud": "sts.amazonaws.com",
                        f"{host}:sub": [
                            "system:serviceaccount:kube-system:efs-csi-controller-sa",
                            "system:serviceaccount:kube-system:efs-csi-node-sa",
                        ],
                    }
                },
            }
        ],
    }
    attachment = any_run.one(
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "shared-storage-csi-driver-policy"
    )
    assert (
        attachment.inputs["policyArn"]
        == "arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy"
    )
    assert attachment.urn in addon.dependencies


def test_existing_driver_switch_skips_the_addon() -> None:
    run = cached_run("dev", EXISTING_DRIVER)
    assert run.by_type("aws:eks/addon:Addon") == []
    assert [
        r for r in run.by_type("aws:iam/role:Role") if r.name.startswith("shared-storage")
    ] == []
    assert run.one(SC).inputs["provisioner"] == "efs.csi.aws.com"


def test_storage_class_is_efs_access_points_writable_by_airflow(any_run: ProgramRun) -> None:
    sc = any_run.one(SC).inputs
    assert sc["metadata"]["name"] == "efs-sc"
    assert sc["provisioner"] == "efs.csi.aws.com"
    params = sc["parameters"]
    assert params["provisioningMode"] == "efs-ap"
    assert params["fileSystemId"] == any_run.state(any_run.one(FS))["id"]
    assert params["uid"] == "50000" and params["gid"] == "0"
    assert int(params["directoryPerms"], 8) & 0o070 == 0o070, "group (gid 0) must be able to write"
    assert params["basePath"] == "/airflow"
    # Stable directories: a re-created claim of the same name reuses its data.
    assert params["subPathPattern"] == "${.PVC.namespace}/${.PVC.name}"
    assert params["ensureUniqueDirectory"] == "false"
    # What the file system policy requires: TLS, and the driver's IAM identity (not anonymous).
    assert sc["mountOptions"] == ["tls", "iam"]
    assert sc["allowVolumeExpansion"] is True
    assert sc["reclaimPolicy"] == ("Retain" if any_run.stack == "prod" else "Delete")


def test_storage_class_name_from_config() -> None:
    run = cached_run("dev", {"airflow-platform:storage": {"storageClassName": "airflow-rwx"}})
    assert run.one(SC).inputs["metadata"]["name"] == "airflow-rwx"
    assert run.outputs["storageClassName"] == "airflow-rwx"


def test_storage_class_waits_for_driver_and_mount_targets(any_run: ProgramRun) -> None:
    sc = any_run.one(SC)
    addon = any_run.one("aws:eks/addon:Addon")
    assert addon.urn in sc.dependencies
    for target in any_run.by_type("aws:efs/mountTarget:MountTarget"):
        assert target.urn in sc.dependencies
    assert any_run.one(FS).urn in sc.dependencies


def test_file_system_protected_in_prod_only(dev_run: ProgramRun, prod_run: ProgramRun) -> None:
    assert prod_run.one(FS).protect is True
    assert dev_run.one(FS).protect is False


def test_outputs(any_run: ProgramRun) -> None:
    assert any_run.outputs["fileSystemId"] == any_run.state(any_run.one(FS))["id"]
    assert any_run.outputs["storageClassName"] == "efs-sc"


def test_rendered_storage_class_is_valid_kubernetes(any_run: ProgramRun) -> None:
    kubernetes_validate = pytest.importorskip(
        "kubernetes_validate", reason="kubernetes-validate not installed"
    )
    manifest = dict(any_run.one(SC).inputs)
    kubernetes_validate.validate(manifest, "1.33", strict=True)


def test_storage_class_validation_can_fail() -> None:
    kubernetes_validate = pytest.importorskip(
        "kubernetes_validate", reason="kubernetes-validate not installed"
    )
    manifest = {**cached_run("dev").one(SC).inputs, "reclaimPolicy": 7}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(manifest, "1.33", strict=True)


def test_partition_aware_arns(prod_run: ProgramRun) -> None:
    attachment = prod_run.one(
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "shared-storage-csi-driver-policy"
    )
    assert attachment.inputs["policyArn"].startswith("arn:aws:")
    assert (
        ACCOUNT_ID
        in prod_run.one("aws:iam/role:Role", "shared-storage-csi-driver").inputs["assumeRolePolicy"]
    )


def test_protection_backups_and_reclaim_follow_the_settings() -> None:
    run = dev_with_flipped_decisions()
    assert run.one(FS).protect is True
    backup = run.one("aws:efs/backupPolicy:BackupPolicy").inputs["backupPolicy"]
    assert backup["status"] == "ENABLED"
    assert run.one(SC).inputs["reclaimPolicy"] == "Retain"


def test_backups_follow_the_environment_defaults(any_run: ProgramRun) -> None:
    backup = any_run.one("aws:efs/backupPolicy:BackupPolicy").inputs["backupPolicy"]
    assert backup["status"] == ("ENABLED" if any_run.stack == "prod" else "DISABLED")
