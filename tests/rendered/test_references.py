"""Every Secret and key, ConfigMap and key, ServiceAccount, storage class and Ingress TLS Secret
an object of each stack names exists in the render, in the program's own objects, or is a
prerequisite the README names (a Secret the program reads at preview, the IngressClass). A
cluster default StorageClass is not one."""

from __future__ import annotations

from offline.stack_render import StackRender, stack_settings
from offline.verify.references import check_references


def prerequisites(rendered: StackRender) -> dict[str, None]:
    settings = stack_settings(rendered.stack)
    return {**rendered.prerequisites, f"IngressClass/{settings.airflow.ingress_class_name}": None}


# The chart mounts the pod template file into the scheduler whatever the executor, and renders the
# key only for the KubernetesExecutor. The kubelet then makes an empty directory at the mount
# path, and only the KubernetesExecutor reads the file, so a Celery-only stack runs as intended.
CHART_MOUNT_WITHOUT_KEY = (
    "Deployment/airflow/airflow-scheduler: "
    "ConfigMap/airflow/airflow-config has no key 'pod_template_file.yaml'"
)


def test_every_reference_resolves(rendered: StackRender) -> None:
    findings = check_references(rendered.objects, prerequisites(rendered))
    if not stack_settings(rendered.stack).airflow.uses_kubernetes_executor:
        findings = [f for f in findings if f != CHART_MOUNT_WITHOUT_KEY]
    assert findings == [], "\n".join(findings)


def test_a_missing_program_secret_is_found(rendered: StackRender) -> None:
    without = [
        o
        for o in rendered.objects
        if not (o["kind"] == "Secret" and o["metadata"]["name"] == "airflow-managed-metadata")
    ]
    findings = check_references(without, prerequisites(rendered))
    assert any("Secret/airflow/airflow-managed-metadata does not exist" in f for f in findings)
