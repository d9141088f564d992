"""Every pod the program and the charts (Airflow, cert-manager, KEDA) run, in dev and prod, as
rendered: workloads, Jobs and the KubernetesExecutor's pod template file. Each container runs as a
user other than root, under the RuntimeDefault seccomp profile, without privilege escalation and
with every capability dropped (additions only as allowed below, with their reason); a pod gets a
Kubernetes API token only if it is an API client named below, with its reason, and Roles are bound
only to accounts whose pods hold one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from offline.stack_render import StackRender, stack_settings
from offline.verify.objects import PodTemplate, name_of, namespace_of, object_id, pod_templates
from offline.verify.pod_security import (
    account_name,
    context_findings,
    effective_context,
    mounts_api_token,
)

# "<pod owner>/<container>" -> {capability: why it needs it}. None needs any.
CAPABILITY_ADDITIONS: dict[str, dict[str, str]] = {}

# Pods that talk to the Kubernetes API in every stack -> why.
API_CLIENTS = {
    "Deployment/cert-manager/cert-manager": "the controller: watches Certificates, Issuers and "
    "challenges, writes the certificates' Secrets",
    "Deployment/cert-manager/cert-manager-cainjector": "writes CA bundles into webhook "
    "configurations and CRDs",
    "Deployment/cert-manager/cert-manager-webhook": "reads and renews its own serving "
    "certificate's Secret, and authorizes with SubjectAccessReviews",
    "Job/cert-manager/cert-manager-startupapicheck": "waits until cert-manager's API answers "
    "(a dry-run Certificate) before the release counts as installed",
    "Deployment/keda/keda-operator": "watches ScaledObjects, scales their Deployments, manages "
    "their HPAs and reads the trigger's Secrets",
    "Deployment/keda/keda-operator-metrics-apiserver": "serves the external metrics API: "
    "delegated authentication and authorization against the API server",
    "Deployment/keda/keda-admission-webhooks": "validates ScaledObjects against the workloads "
    "and ScaledObjects that exist",
}


def airflow_api_clients(stack: str) -> dict[str, str]:
    """Airflow's API clients: only the KubernetesExecutor makes any (tasks launch no pods here)."""
    airflow = stack_settings(stack).airflow
    if not airflow.uses_kubernetes_executor:
        return {}
    prefix = f"Deployment/{airflow.namespace}/{airflow.release_name}"
    return {
        f"{prefix}-scheduler": "the KubernetesExecutor: creates, watches and deletes task pods",
        f"{prefix}-api-server": "reads the logs of running task pods (apiServer.allowPodLogReading)",
    }


def unused_grants(stack: str) -> dict[str, str]:
    """Accounts a chart binds to a Role although their pods hold no token -> why it stays."""
    airflow = stack_settings(stack).airflow
    if not airflow.uses_kubernetes_executor:
        return {}
    reason = (
        "the chart's pod-launcher RoleBinding names it beside the scheduler's (allowPodLaunching, "
        "one switch for all); its pods hold no token, so nothing can use the grant"
    )
    prefix = f"{airflow.namespace}/{airflow.release_name}"
    return {
        f"{prefix}-{account}": reason for account in ("worker", "worker-kubernetes", "triggerer")
    }


def templates(rendered: StackRender) -> list[PodTemplate]:
    found = pod_templates(rendered.objects)
    assert found, f"{rendered.stack}: no pod template rendered"
    return found


def accounts(rendered: StackRender) -> dict[tuple[str, str], Mapping[str, Any]]:
    return {
        (namespace_of(o), name_of(o)): o for o in rendered.objects if o["kind"] == "ServiceAccount"
    }


def test_every_container_runs_restricted(rendered: StackRender) -> None:
    findings = []
    for pod in templates(rendered):
        for container in pod.containers():
            where = f"{pod.owner}/{container['name']}"
            context = effective_context(pod.spec, container)
            allowed = CAPABILITY_ADDITIONS.get(where)
            findings += [f"{where}: {f}" for f in context_findings(context, allowed)]
    assert findings == [], f"{rendered.stack}:\n" + "\n".join(findings)


def test_only_the_named_api_clients_get_a_token(rendered: StackRender) -> None:
    """Exactly: a named client without a token would be a stale entry (or a broken pod)."""
    clients = {**API_CLIENTS, **airflow_api_clients(rendered.stack)}
    known = accounts(rendered)
    findings = []
    for pod in templates(rendered):
        account = known.get((pod.namespace, account_name(pod.spec)))
        sources = mounts_api_token(pod.spec, account)
        if sources and pod.owner not in clients:
            findings.append(f"{pod.owner} gets an API token ({', '.join(sources)})")
        if not sources and pod.owner in clients:
            findings.append(f"{pod.owner} gets no API token, yet: {clients[pod.owner]}")
    assert findings == [], f"{rendered.stack}:\n" + "\n".join(findings)


def test_roles_are_bound_only_to_accounts_whose_pods_hold_a_token(rendered: StackRender) -> None:
    """A grant to an account whose pods cannot authenticate is one a later change (a token
    turned on) would silently activate: none, beyond the named ones, which must exist."""
    known = accounts(rendered)
    with_token = {
        f"{pod.namespace}/{account_name(pod.spec)}"
        for pod in templates(rendered)
        if mounts_api_token(pod.spec, known.get((pod.namespace, account_name(pod.spec))))
    }
    tokenless = {}
    for binding in rendered.objects:
        if binding["kind"] not in ("RoleBinding", "ClusterRoleBinding"):
            continue
        for subject in binding.get("subjects") or []:
            key = (subject.get("namespace") or namespace_of(binding), subject["name"])
            name = "/".join(key)
            # Accounts the charts do not create (kube-system's HPA controller) run no pod here.
            if subject["kind"] == "ServiceAccount" and key in known and name not in with_token:
                tokenless[name] = object_id(binding)
    expected = unused_grants(rendered.stack)
    assert set(tokenless) == set(expected), f"{rendered.stack}: {tokenless}"


def test_every_allowance_has_a_reason() -> None:
    for reasons in (
        API_CLIENTS,
        airflow_api_clients("prod"),
        unused_grants("prod"),
        *CAPABILITY_ADDITIONS.values(),
    ):
        assert all(len(reason.split()) >= 3 for reason in reasons.values())


def test_the_checks_see_every_kind_of_pod(rendered: StackRender) -> None:
    """Not vacuous: the chart-specific pods and sidecars are among those checked."""
    airflow = stack_settings(rendered.stack).airflow
    prefix = f"{airflow.namespace}/{airflow.release_name}"
    owners = {pod.owner for pod in templates(rendered)}
    containers = {c["name"] for pod in templates(rendered) for c in pod.containers()}
    assert {
        f"Deployment/{prefix}-scheduler",
        f"Deployment/{prefix}-statsd",
        f"Job/{prefix}-run-airflow-migrations",
        f"Job/{prefix}-create-user",
        *API_CLIENTS,
    } <= owners
    assert {"wait-for-airflow-migrations", "scheduler-log-groomer"} <= containers
    if rendered.stack == "dev":  # the chart's Redis; git-sync's sidecar and init container
        assert f"StatefulSet/{prefix}-redis" in owners
        assert {"git-sync", "git-sync-init"} <= containers
    if rendered.stack == "prod":  # PgBouncer with its exporter; the KubernetesExecutor's pods
        assert f"Deployment/{prefix}-pgbouncer" in owners
        assert f"ConfigMap/{prefix}-config[pod_template_file.yaml]" in owners
        assert "metrics-exporter" in containers
