"""Service account annotations: each account an IAM role trusts carries that role's ARN, and no
other account carries one (IRSA's webhook then gives its pods the role's credentials)."""

from __future__ import annotations

from typing import Any

from components.settings import AirflowSettings

ROLE_ANNOTATION = "eks.amazonaws.com/role-arn"


def service_account_values(settings: AirflowSettings, role_arns: dict[str, str]) -> dict[str, Any]:
    """Values to merge into the chart's: `role_arns` maps a chart section path ("workers.celery")
    to the role its service account assumes."""
    values: dict[str, Any] = {}
    if settings.uses_kubernetes_executor:
        # Task pods get their own account instead of sharing the Celery workers'.
        _at(values, ("workers", "kubernetes"))["serviceAccount"] = {"create": True}
    for path, arn in sorted(role_arns.items()):
        section = _at(values, tuple(path.split(".")))
        account = section.setdefault("serviceAccount", {})
        account["annotations"] = {ROLE_ANNOTATION: arn}
    return values


def _at(values: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    node = values
    for part in path:
        node = node.setdefault(part, {})
    return node


def deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """`extra` merged into a copy of `base`, maps recursively."""
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged
