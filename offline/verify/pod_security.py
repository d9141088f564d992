"""Pod security as the kubelet applies it: a container's effective security context (its own
fields over the pod's), what in it falls short of the restricted profile, and whether a pod gets
a token for the Kubernetes API."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

RUNTIME_DEFAULT = "RuntimeDefault"
ROOT = 0
# Fields a container may set over the pod's (the rest exist on one level only).
_INHERITED = ("runAsNonRoot", "runAsUser", "seccompProfile")


@dataclass(frozen=True)
class EffectiveContext:
    """What one container runs with; None where neither it nor its pod says."""

    run_as_non_root: bool | None
    run_as_user: int | None
    seccomp: str | None
    allow_privilege_escalation: bool | None
    privileged: bool
    dropped: frozenset[str]
    added: frozenset[str]


def effective_context(
    pod_spec: Mapping[str, Any], container: Mapping[str, Any]
) -> EffectiveContext:
    pod = pod_spec.get("securityContext") or {}
    own = container.get("securityContext") or {}
    merged = {key: own[key] if key in own else pod.get(key) for key in _INHERITED}
    capabilities = own.get("capabilities") or {}
    return EffectiveContext(
        run_as_non_root=merged["runAsNonRoot"],
        run_as_user=merged["runAsUser"],
        seccomp=(merged["seccompProfile"] or {}).get("type"),
        allow_privilege_escalation=own.get("allowPrivilegeEscalation"),
        privileged=bool(own.get("privileged")),
        dropped=frozenset(capabilities.get("drop") or ()),
        added=frozenset(capabilities.get("add") or ()),
    )


def runs_as_non_root(context: EffectiveContext) -> bool:
    """A user other than root is set, or the kubelet is told to refuse root (it checks the image's
    user then). runAsUser 0 is root whatever runAsNonRoot says."""
    if context.run_as_user is not None:
        return context.run_as_user != ROOT
    return context.run_as_non_root is True


def context_findings(
    context: EffectiveContext, allowed_additions: Mapping[str, str] | None = None
) -> list[str]:
    """What falls short: each finding names the field. `allowed_additions` maps a capability this
    container may add to the reason it needs it."""
    allowed = allowed_additions or {}
    findings = []
    if not runs_as_non_root(context):
        findings.append(
            f"may run as root (runAsNonRoot={context.run_as_non_root}, "
            f"runAsUser={context.run_as_user})"
        )
    if context.seccomp != RUNTIME_DEFAULT:
        findings.append(f"seccompProfile.type is {context.seccomp}, not {RUNTIME_DEFAULT}")
    if context.allow_privilege_escalation is not False or context.privileged:
        findings.append(
            f"allowPrivilegeEscalation is {context.allow_privilege_escalation}"
            + (" and privileged" if context.privileged else "")
        )
    if "ALL" not in context.dropped:
        findings.append(f"capabilities.drop is {sorted(context.dropped)}, not [ALL]")
    for capability in sorted(context.added - set(allowed)):
        findings.append(f"adds capability {capability} with no reason given")
    return findings


def mounts_api_token(pod_spec: Mapping[str, Any], account: Mapping[str, Any] | None) -> list[str]:
    """How the pod gets a token for the Kubernetes API (empty: it gets none). The pod's
    automountServiceAccountToken overrides its service account's; unset on both, it is mounted.
    A projected token without an audience is also one for the API server (IRSA's has one)."""
    sources = []
    automount = pod_spec.get("automountServiceAccountToken")
    if automount is None and account is not None:
        automount = account.get("automountServiceAccountToken")
    if automount is not False:
        sources.append("automountServiceAccountToken")
    for volume in pod_spec.get("volumes") or []:
        for source in (volume.get("projected") or {}).get("sources") or []:
            token = source.get("serviceAccountToken")
            if token is not None and not token.get("audience"):
                sources.append(f"projected token volume {volume.get('name')}")
    return sources


def account_name(pod_spec: Mapping[str, Any]) -> str:
    """The service account the pod runs as: `default` when it names none."""
    return str(pod_spec.get("serviceAccountName") or "default")
