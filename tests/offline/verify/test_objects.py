"""offline/verify/objects.py: object identity and the pod templates a render holds."""

from __future__ import annotations

import yaml

from offline.verify.objects import object_id, pod_templates

POD = {"metadata": {"labels": {"app": "x"}}, "spec": {"containers": [{"name": "c"}]}}


def test_object_ids_name_kind_namespace_and_name() -> None:
    assert (
        object_id({"kind": "Secret", "metadata": {"name": "s", "namespace": "n"}}) == "Secret/n/s"
    )
    assert object_id({"kind": "StorageClass", "metadata": {"name": "efs"}}) == "StorageClass/efs"


def test_pod_templates_come_from_every_workload_kind_and_configmap_pod_files() -> None:
    objects = [
        {
            "kind": "Deployment",
            "metadata": {"name": "d", "namespace": "n"},
            "spec": {"template": POD},
        },
        {
            "kind": "CronJob",
            "metadata": {"name": "c", "namespace": "n"},
            "spec": {"jobTemplate": {"spec": {"template": POD}}},
        },
        {
            "kind": "StatefulSet",
            "metadata": {"name": "s", "namespace": "n"},
            "spec": {"template": POD, "volumeClaimTemplates": [{"metadata": {"name": "data"}}]},
        },
        {
            "kind": "ConfigMap",
            "metadata": {"name": "cfg", "namespace": "n"},
            "data": {"pod.yaml": yaml.safe_dump({"kind": "Pod", **POD}), "other.yaml": "a: 1"},
        },
        {"kind": "Service", "metadata": {"name": "svc", "namespace": "n"}},
    ]
    pods = pod_templates(objects)
    assert [p.owner for p in pods] == [
        "Deployment/n/d",
        "CronJob/n/c",
        "StatefulSet/n/s",
        "ConfigMap/n/cfg[pod.yaml]",
    ]
    assert all(p.labels == {"app": "x"} and p.namespace == "n" for p in pods)
    assert pods[2].claim_templates == ("data",)
    assert [c["name"] for c in pods[0].containers()] == ["c"]
