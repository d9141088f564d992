"""Every object of each stack, rendered by the real charts, against Kubernetes 1.33's strict
schemas; custom resources against the CRDs the charts install (or the shared CRD schemas)."""

from __future__ import annotations

import re

import pytest

from offline import reference
from offline.stack_render import StackRender
from offline.verify.schemas import check_schemas

UNSCHEMED = re.compile(
    r"no schema for \S+ ([^/\s]+)/\S+ on Kubernetes .*, and no CRD here installs it$"
)


def test_every_object_is_valid_for_kubernetes_1_33(rendered: StackRender) -> None:
    schemas = reference.SHARED_DIR / "crd-schemas"
    findings = check_schemas(rendered.objects, schemas)
    # Kinds no pinned chart installs (ServiceMonitor, PrometheusRule) have only the shared schemas:
    # a folder that has none of their group (fetch-charts') cannot check them.
    unchecked = [
        f for f in findings if (group := UNSCHEMED.search(f)) and not (schemas / group[1]).is_dir()
    ]
    findings = [f for f in findings if f not in unchecked]
    assert findings == [], "\n".join(findings)
    if unchecked:
        pytest.skip(
            f"every other object is valid, but {len(unchecked)} custom resources are unchecked: "
            f"their CRD schemas are absent from {schemas}{reference.NOT_FETCHED}: "
            + "; ".join(unchecked)
        )


def test_the_check_sees_every_release_and_the_programs_own_objects(rendered: StackRender) -> None:
    assert set(rendered.releases) == {"airflow", "cert-manager", "keda"}
    kinds = {o["kind"] for o in rendered.program_objects}
    assert {"Namespace", "Secret", "StorageClass", "ClusterIssuer"} <= kinds
    broken = {**rendered.program_objects[0], "unexpectedField": 1}
    assert check_schemas([broken]), "an unknown field is a finding (strict)"
