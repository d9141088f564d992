"""offline/verify/pod_security.py: a container's effective security context, its findings, and
whether a pod gets a Kubernetes API token."""

from __future__ import annotations

from typing import Any

import pytest

from offline.verify.pod_security import (
    EffectiveContext,
    account_name,
    context_findings,
    effective_context,
    mounts_api_token,
    runs_as_non_root,
)

RESTRICTED_POD = {"runAsNonRoot": True, "seccompProfile": {"type": "RuntimeDefault"}}
RESTRICTED_CONTAINER = {"allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]}}


def context(pod: dict[str, Any], container: dict[str, Any]) -> EffectiveContext:
    return effective_context({"securityContext": pod}, {"securityContext": container})


def test_a_restricted_container_has_no_findings() -> None:
    assert context_findings(context(RESTRICTED_POD, RESTRICTED_CONTAINER)) == []


def test_the_container_overrides_the_pod_field_by_field() -> None:
    found = context(
        {"runAsUser": 50000, "seccompProfile": {"type": "Unconfined"}, "runAsNonRoot": True},
        {"runAsUser": 0, "seccompProfile": {"type": "RuntimeDefault"}},
    )
    assert (found.run_as_user, found.seccomp, found.run_as_non_root) == (0, "RuntimeDefault", True)


def test_pod_fields_apply_where_the_container_is_silent() -> None:
    found = effective_context({"securityContext": RESTRICTED_POD}, {"name": "c"})
    assert found.run_as_non_root is True and found.seccomp == "RuntimeDefault"
    assert found.allow_privilege_escalation is None and found.dropped == frozenset()


@pytest.mark.parametrize(
    ("non_root", "user", "expected"),
    [
        (True, None, True),
        (None, 1000, True),
        (None, None, False),
        (True, 0, False),
        (False, 7, True),
    ],
)
def test_non_root_needs_a_user_or_the_kubelet_check(
    non_root: bool | None, user: int | None, expected: bool
) -> None:
    pod = {k: v for k, v in (("runAsNonRoot", non_root), ("runAsUser", user)) if v is not None}
    assert runs_as_non_root(context(pod, {})) is expected


@pytest.mark.parametrize(
    ("pod", "container", "finding"),
    [
        ({**RESTRICTED_POD, "runAsUser": 0}, RESTRICTED_CONTAINER, "may run as root"),
        ({"runAsNonRoot": True}, RESTRICTED_CONTAINER, "seccompProfile.type is None"),
        (RESTRICTED_POD, {"capabilities": {"drop": ["ALL"]}}, "allowPrivilegeEscalation is None"),
        (RESTRICTED_POD, {**RESTRICTED_CONTAINER, "privileged": True}, "and privileged"),
        (RESTRICTED_POD, {"allowPrivilegeEscalation": False}, "capabilities.drop is []"),
        (
            RESTRICTED_POD,
            {**RESTRICTED_CONTAINER, "capabilities": {"drop": ["ALL"], "add": ["NET_ADMIN"]}},
            "adds capability NET_ADMIN with no reason given",
        ),
    ],
)
def test_each_shortfall_is_named(
    pod: dict[str, Any], container: dict[str, Any], finding: str
) -> None:
    findings = context_findings(context(pod, container))
    assert len(findings) == 1 and finding in findings[0]


def test_an_added_capability_with_a_reason_passes() -> None:
    container = {**RESTRICTED_CONTAINER, "capabilities": {"drop": ["ALL"], "add": ["NET_BIND"]}}
    assert context_findings(context(RESTRICTED_POD, container), {"NET_BIND": "port 80"}) == []


@pytest.mark.parametrize(
    ("pod", "account", "mounted"),
    [
        ({}, None, True),
        ({}, {"automountServiceAccountToken": True}, True),
        ({}, {"automountServiceAccountToken": False}, False),
        ({"automountServiceAccountToken": True}, {"automountServiceAccountToken": False}, True),
        ({"automountServiceAccountToken": False}, {}, False),
    ],
)
def test_the_pod_overrides_its_account_and_mounting_is_the_default(
    pod: dict[str, Any], account: dict[str, Any] | None, mounted: bool
) -> None:
    assert bool(mounts_api_token(pod, account)) is mounted


def test_a_projected_token_counts_unless_it_is_for_another_audience() -> None:
    def projected(name: str, token: dict[str, Any]) -> dict[str, Any]:
        return {"name": name, "projected": {"sources": [{"serviceAccountToken": token}]}}

    pod = {
        "automountServiceAccountToken": False,
        "volumes": [
            projected("kube-api-access", {"path": "token"}),
            projected("aws-iam-token", {"path": "token", "audience": "sts.amazonaws.com"}),
            {"name": "config", "configMap": {"name": "c"}},
        ],
    }
    assert mounts_api_token(pod, None) == ["projected token volume kube-api-access"]


def test_a_pod_without_an_account_runs_as_default() -> None:
    assert account_name({}) == "default"
    assert account_name({"serviceAccountName": "s"}) == "s"
