"""offline/verify/rollouts.py: pods restart when a Secret or ConfigMap they read changes."""

from __future__ import annotations

import copy
from typing import Any

from offline.verify.objects import pod_templates
from offline.verify.rollouts import changed_configs, check_rollouts, reads


def workload(kind: str, annotations: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "kind": kind,
        "metadata": {"name": "app", "namespace": "team"},
        "spec": {
            "template": {
                "metadata": {"annotations": annotations or {}},
                "spec": {
                    "containers": [
                        {
                            "name": "c",
                            "env": [
                                {
                                    "name": "URL",
                                    "valueFrom": {"secretKeyRef": {"name": "db", "key": "url"}},
                                }
                            ],
                            "envFrom": [{"configMapRef": {"name": "env"}}],
                        }
                    ],
                    "volumes": [{"name": "cfg", "configMap": {"name": "cfg"}}],
                },
            }
        },
    }


def config(kind: str, name: str, value: str) -> dict[str, Any]:
    part = "stringData" if kind == "Secret" else "data"
    return {"kind": kind, "metadata": {"name": name, "namespace": "team"}, part: {"k": value}}


def state(
    secret_value: str, annotations: dict[str, str] | None = None, kind: str = "Deployment"
) -> list[dict[str, Any]]:
    return [
        workload(kind, annotations),
        config("Secret", "db", secret_value),
        config("ConfigMap", "env", "same"),
        config("ConfigMap", "cfg", "same"),
    ]


def test_every_way_of_reading_is_seen() -> None:
    (pod,) = pod_templates([workload("Deployment")])
    assert reads(pod) == {"Secret/team/db", "ConfigMap/team/env", "ConfigMap/team/cfg"}


def test_a_changed_secret_with_an_unchanged_template_is_reported() -> None:
    before, after = state("one"), state("two")
    assert changed_configs(before, after) == ["Secret/team/db"]
    assert check_rollouts(before, after) == [
        "Deployment/team/app: reads Secret/team/db, which changed, but its pod template did not"
    ]


def test_a_checksum_annotation_that_follows_the_content_passes() -> None:
    before = state("one", {"checksum/db": "1"})
    after = state("two", {"checksum/db": "2"})
    assert check_rollouts(before, after) == []


def test_nothing_changed_nothing_reported() -> None:
    assert check_rollouts(state("one"), copy.deepcopy(state("one"))) == []


def test_jobs_start_afresh_and_need_no_rollout() -> None:
    assert check_rollouts(state("one", kind="Job"), state("two", kind="Job")) == []
    assert check_rollouts(state("one", kind="StatefulSet"), state("two", kind="StatefulSet")) != []
