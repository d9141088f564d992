"""offline/stack_render.py: each registered release rendered with exactly its name, namespace and
values; the program's own objects beside them; unpinned charts refused."""

from __future__ import annotations

import dataclasses

import pytest

from offline.rendering import ChartPackageError
from offline.stack_render import RELEASE_TYPE, helm_release, program_objects, stack_settings
from tests.conftest import ProgramRun
from tests.rendered.conftest import cached_render, skip_without_packages


def test_each_release_is_rendered_as_registered(prod_run: ProgramRun) -> None:
    skip_without_packages()
    rendered = cached_render("prod")
    for registration in prod_run.by_type(RELEASE_TYPE):
        release = helm_release(registration)
        assert (release.name, release.namespace) == (
            registration.inputs["name"],
            registration.inputs["namespace"],
        )
        assert release.values is registration.inputs["values"]
        objects = rendered.releases[release.name]
        # Namespaced objects land in the release namespace unless a chart names another
        # (KEDA's RoleBinding in kube-system).
        namespaces = {o["metadata"].get("namespace") for o in objects}
        assert release.namespace in namespaces
        assert namespaces <= {release.namespace, "kube-system", None}


def test_the_programs_own_objects_keep_their_names_and_namespaces(prod_run: ProgramRun) -> None:
    objects = program_objects(prod_run.registrations)
    ids = {(o["kind"], o["metadata"].get("namespace"), o["metadata"]["name"]) for o in objects}
    assert ("Secret", "airflow", "airflow-managed-metadata") in ids
    assert ("StorageClass", None, "efs-sc") in ids
    assert ("NetworkPolicy", "airflow", "airflow-statsd-prometheus") in ids
    assert not any(o["kind"] == "Release" for o in objects)


def test_a_chart_the_program_does_not_pin_is_refused(prod_run: ProgramRun) -> None:
    registration = prod_run.one(RELEASE_TYPE, "keda-release")
    other = dataclasses.replace(registration, inputs={**registration.inputs, "version": "9.9.9"})
    with pytest.raises(ChartPackageError, match=r"keda 9\.9\.9 is not pinned"):
        helm_release(other)


def test_stack_settings_are_the_stack_files() -> None:
    assert stack_settings("prod").airflow.executor == "CeleryExecutor,KubernetesExecutor"
