"""Which stack config keys anything reads: a key nobody reads is a mistake, never ignored.

The program reads its own namespace and `aws:region`. Its AWS and Kubernetes providers are explicit
(created with the settings), and an explicit provider reads nothing from the stack config: an
`aws:profile` or `kubernetes:context` there would be silently ignored (and the deploy would go to
whatever account or cluster the environment points at). Keys under `pulumi:` belong to the engine.
A key under a misspelt project name would leave its whole block at the defaults.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from components.settings.errors import PROJECT

READ_ELSEWHERE = ("aws:region",)
ENGINE_NAMESPACE = "pulumi"
_PROVIDER_HINTS = {
    "aws": "allowed under aws: only aws:region, e.g. aws:region: eu-west-1 (the program's AWS "
    "provider reads nothing else from the stack; credentials and account come from the "
    "environment, e.g. AWS_PROFILE)",
    "kubernetes": "allowed: no kubernetes: keys (the program's Kubernetes provider is built "
    "from the cluster it looks up), e.g. airflow-platform:cluster.name: data-prod",
}


def unread_key_problems(config: Mapping[str, Any], is_secret: Callable[[str], bool]) -> list[str]:
    """One line per stack key that nothing would read (a secret's value is never shown)."""
    problems: list[str] = []
    for key, value in config.items():
        namespace = key.split(":", 1)[0]
        if namespace in (PROJECT, ENGINE_NAMESPACE) or key in READ_ELSEWHERE:
            continue
        if namespace in _PROVIDER_HINTS:
            rule = f"not read by anything: {_PROVIDER_HINTS[namespace]}"
        else:
            rest = key.split(":", 1)[-1]
            rule = (
                f"not read by anything: namespace {namespace!r} is neither the project's nor a "
                f"provider's (typo?); allowed: {PROJECT}:<key>, e.g. {PROJECT}:{rest}"
            )
        given = "[secret]" if is_secret(key) else repr(value)
        problems.append(f"{key}: got {given}; {rule}")
    return problems
