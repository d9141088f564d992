"""No single zone of failure in prod: over the rendered manifests, no stateful workload is one
replica on one zone's storage (EBS and any other non-EFS class: a volume lives in one zone);
over the AWS resources the program records, the database, the broker and the file system each
survive the loss of a zone. Each check is shown to find a deliberately broken stack."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

import pytest

from offline.stack_render import StackRender
from tests.conftest import ProgramRun, cached_run
from tests.rendered.conftest import cached_render, skip_without_packages

EFS_PROVISIONER = "efs.csi.aws.com"  # regional EFS: every zone's mount target serves the volume
WORKLOADS = ("Deployment", "StatefulSet")


def regional_classes(objects: Iterable[dict[str, Any]], file_systems: list[dict]) -> set[str]:
    """StorageClasses whose volumes outlive a zone: EFS, on a file system that is not One Zone."""
    one_zone = any(fs.get("availabilityZoneName") for fs in file_systems)
    return {
        o["metadata"]["name"]
        for o in objects
        if o["kind"] == "StorageClass" and o["provisioner"] == EFS_PROVISIONER and not one_zone
    }


def _claims(objects: list[dict[str, Any]]) -> dict[str, str | None]:
    """`namespace/name` of each PersistentVolumeClaim -> its storage class (None: the default)."""
    return {
        f"{o['metadata'].get('namespace')}/{o['metadata']['name']}": o["spec"].get(
            "storageClassName"
        )
        for o in objects
        if o["kind"] == "PersistentVolumeClaim"
    }


def zonal_single_points(objects: list[dict[str, Any]], regional: set[str]) -> list[str]:
    """Workloads a zone's loss stops: a StatefulSet of one replica with zonal claim templates,
    and any workload mounting a named zonal claim (one volume in one zone, whatever the replicas).
    A claim without a class gets the cluster's default, EBS on EKS: zonal. A missing claim is
    tests/rendered/test_references.py's to report; here it counts as zonal."""
    claims = _claims(objects)
    found: list[str] = []
    for o in (o for o in objects if o["kind"] in WORKLOADS):
        where = f"{o['kind']}/{o['metadata'].get('namespace')}/{o['metadata']['name']}"
        replicas = o["spec"].get("replicas", 1)
        for template in o["spec"].get("volumeClaimTemplates") or []:
            storage_class = template["spec"].get("storageClassName")
            if storage_class not in regional and (replicas is None or replicas < 2):
                found.append(f"{where}: {replicas} replica on zonal class {storage_class}")
        for volume in o["spec"]["template"]["spec"].get("volumes") or []:
            claim = (volume.get("persistentVolumeClaim") or {}).get("claimName")
            if claim is None:
                continue
            storage_class = claims.get(f"{o['metadata'].get('namespace')}/{claim}")
            if storage_class not in regional:
                found.append(f"{where}: claim {claim} on zonal class {storage_class}")
    return found


def zonal_aws_resources(run: ProgramRun) -> list[str]:
    """The AWS resources a zone's loss takes down, or loses queued or stored work with."""
    found: list[str] = []
    for db in run.by_type("aws:rds/instance:Instance"):
        if db.inputs.get("multiAz") is not True:
            found.append(f"{db.name}: RDS without a standby in another zone")
    groups = run.by_type("aws:elasticache/replicationGroup:ReplicationGroup")
    if not groups:
        found.append("no managed broker: the Celery broker is an in-cluster pod")
    for group in groups:
        g = group.inputs
        zones = set(g.get("preferredCacheClusterAzs") or [])
        if not (g.get("multiAzEnabled") and g.get("automaticFailoverEnabled")):
            found.append(f"{group.name}: broker without Multi-AZ automatic failover")
        if g.get("numCacheClusters", 1) < 2 or len(zones) < 2:
            found.append(f"{group.name}: broker nodes in fewer than two zones ({sorted(zones)})")
    for fs in run.by_type("aws:efs/fileSystem:FileSystem"):
        if fs.inputs.get("availabilityZoneName"):
            found.append(f"{fs.name}: EFS One Zone ({fs.inputs['availabilityZoneName']})")
    targets = run.by_type("aws:efs/mountTarget:MountTarget")
    if len({t.inputs["subnetId"] for t in targets}) < 2:
        found.append("EFS reachable through fewer than two mount targets")
    return found


def file_systems(run: ProgramRun) -> list[dict[str, Any]]:
    return [fs.inputs for fs in run.by_type("aws:efs/fileSystem:FileSystem")]


@pytest.fixture(scope="module")
def prod() -> tuple[StackRender, ProgramRun]:
    skip_without_packages()
    return cached_render("prod"), cached_run("prod")


def test_prod_has_no_stateful_workload_on_one_zone_s_storage(
    prod: tuple[StackRender, ProgramRun],
) -> None:
    rendered, run = prod
    regional = regional_classes(rendered.objects, file_systems(run))
    assert regional == {"efs-sc"}
    # Not vacuous: prod's workloads do mount claims (the logs), all regional.
    mounting = [
        o["metadata"]["name"]
        for o in rendered.objects
        if o["kind"] in WORKLOADS
        and any("persistentVolumeClaim" in v for v in o["spec"]["template"]["spec"].get("volumes") or [])
    ]  # fmt: skip
    assert "airflow-scheduler" in mounting
    assert zonal_single_points(rendered.objects, regional) == []


def test_prod_s_aws_resources_survive_a_zone(prod_run: ProgramRun) -> None:
    assert zonal_aws_resources(prod_run) == []


def test_one_replica_on_ebs_is_found(prod: tuple[StackRender, ProgramRun]) -> None:
    rendered, run = prod
    regional = regional_classes(rendered.objects, file_systems(run))
    redis: dict[str, Any] = {
        "kind": "StatefulSet",
        "metadata": {"name": "redis", "namespace": "airflow"},
        "spec": {
            "replicas": 1,
            "template": {"spec": {"containers": []}},
            "volumeClaimTemplates": [{"spec": {"storageClassName": "gp3"}}],
        },
    }
    twice = copy.deepcopy(redis)
    twice["metadata"]["name"] = "redis-ha"
    twice["spec"]["replicas"] = 3
    assert zonal_single_points([*rendered.objects, redis, twice], regional) == [
        "StatefulSet/airflow/redis: 1 replica on zonal class gp3"
    ]


def test_a_claim_of_the_default_class_is_found(prod: tuple[StackRender, ProgramRun]) -> None:
    rendered, run = prod
    objects = copy.deepcopy(rendered.objects)
    logs = next(o for o in objects if o["kind"] == "PersistentVolumeClaim")
    del logs["spec"]["storageClassName"]  # the cluster's default: gp2, EBS
    found = zonal_single_points(objects, regional_classes(objects, file_systems(run)))
    assert "Deployment/airflow/airflow-scheduler: claim airflow-logs on zonal class None" in found


def test_one_zone_efs_makes_its_class_zonal(prod: tuple[StackRender, ProgramRun]) -> None:
    rendered, run = prod
    one_zone = [{**file_systems(run)[0], "availabilityZoneName": "eu-west-1a"}]
    assert regional_classes(rendered.objects, one_zone) == set()
    assert zonal_single_points(rendered.objects, set()) != []


def test_dev_s_single_zone_choices_are_found() -> None:
    """Dev is allowed them; the check sees each one."""
    assert zonal_aws_resources(cached_run("dev")) == [
        "metadata-db-instance: RDS without a standby in another zone",
        "no managed broker: the Celery broker is an in-cluster pod",
    ]


def test_a_broker_without_failover_or_in_one_zone_is_found(prod_run: ProgramRun) -> None:
    broken = copy.deepcopy(prod_run)
    group = broken.one("aws:elasticache/replicationGroup:ReplicationGroup")
    group.inputs.update(
        automaticFailoverEnabled=False,
        numCacheClusters=1,
        preferredCacheClusterAzs=["eu-west-1a"],
    )
    fs = broken.one("aws:efs/fileSystem:FileSystem")
    fs.inputs["availabilityZoneName"] = "eu-west-1a"
    assert zonal_aws_resources(broken) == [
        "broker-group: broker without Multi-AZ automatic failover",
        "broker-group: broker nodes in fewer than two zones (['eu-west-1a'])",
        "shared-storage-fs: EFS One Zone (eu-west-1a)",
    ]
