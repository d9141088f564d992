"""The recording monitor: keeps every RegisterResource request as the Pulumi engine would receive it.

Each `Registration` holds the type, name, URN, parent, provider, dependencies, resource options
(protect, retainOnDelete, ignoreChanges, additionalSecretOutputs, aliases...) and the inputs, both
plain (for assertions) and with every secret replaced by `REDACTED` (for plans and leak checks).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pulumi
from google.protobuf import json_format

from offline.mocks import PlatformMocks
from offline.sdk_private import MockMonitor

__all__ = ["REDACTED", "Read", "RecordingMonitor", "Registration", "unwrap"]

REDACTED = "[secret]"

# Markers of the Pulumi wire format for special property values (sdk/go/common/resource/sig).
_SIG_KEY = "4dabf18193072939515e22adb298388d"
_SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
_RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e"


@dataclass
class Registration:
    """One RegisterResource request, as the engine would receive it."""

    type: str
    name: str
    urn: str
    parent: str
    provider: str
    custom: bool
    dependencies: list[str]
    property_dependencies: dict[str, list[str]]
    protect: bool
    retain_on_delete: bool
    delete_before_replace: bool
    ignore_changes: list[str]
    additional_secret_outputs: list[str]
    replace_on_changes: list[str]
    inputs: dict[str, Any]
    redacted_inputs: dict[str, Any]
    secret_paths: list[str]
    custom_timeouts: dict[str, str]
    # Every former URN this resource answers to: its own `aliases` and those it inherits from
    # aliased parents, resolved as the engine resolves them.
    aliases: list[str]


@dataclass(frozen=True)
class Read:
    """One ReadResource request (`Resource.get`): an existing object the program looks up."""

    type: str
    name: str
    urn: str
    id: str
    parent: str


def unwrap(value: Any, path: str, secret_paths: list[str]) -> tuple[Any, Any]:
    """(plain value, value with secrets redacted) of a protobuf-JSON property value.

    Appends to `secret_paths` the dotted path of each secret found (`stringData`, `a.b[0]`).
    """
    if isinstance(value, dict):
        if value.get(_SIG_KEY) == _SECRET_SIG:
            secret_paths.append(path)
            plain, _ = unwrap(value.get("value"), path, [])
            return plain, REDACTED
        if value.get(_SIG_KEY) == _RESOURCE_REFERENCE_SIG:
            return value.get("urn"), value.get("urn")
        plain_d: dict[str, Any] = {}
        red_d: dict[str, Any] = {}
        for k, v in value.items():
            plain_d[k], red_d[k] = unwrap(v, f"{path}.{k}" if path else k, secret_paths)
        return plain_d, red_d
    if isinstance(value, list):
        pairs = [unwrap(v, f"{path}[{i}]", secret_paths) for i, v in enumerate(value)]
        return [p for p, _ in pairs], [r for _, r in pairs]
    if isinstance(value, float) and value.is_integer():
        return int(value), int(value)
    return value, value


def make_urn(parent: str, typ: str, name: str, stack: str, project: str) -> str:
    """The URN a resource gets: its parent's type chain, its own type, its name.

    Built exactly as the SDK's mock monitor builds the URNs it hands out, so aliases and URNs compare.
    """
    if parent:
        typ = parent.split("::")[2].split("$")[-1] + "$" + typ
    return f"urn:pulumi:{stack}::{project}::{typ}::{name}"


class RecordingMonitor(MockMonitor):
    """The SDK's mock monitor, keeping a `Registration` of every resource but the root stack."""

    def __init__(self, mocks: PlatformMocks) -> None:
        super().__init__(mocks)
        self.platform_mocks = mocks
        self.registrations: list[Registration] = []
        self.reads: list[Read] = []
        self._aliases_by_urn: dict[str, list[str]] = {}
        self._stack_urn = ""

    def RegisterResource(self, request: Any) -> Any:  # noqa: N802 (the gRPC method name)
        self.platform_mocks.registering(self.make_urn(request.parent, request.type, request.name))
        response = super().RegisterResource(request)
        if request.type == "pulumi:pulumi:Stack":
            self._stack_urn = response.urn
            return response
        aliases = self._resolve_aliases(request, response.urn)
        self._aliases_by_urn[response.urn] = aliases
        self.registrations.append(_registration(request, response.urn, aliases))
        return response

    def ReadResource(self, request: Any) -> Any:  # noqa: N802 (the gRPC method name)
        response = super().ReadResource(request)
        self.reads.append(
            Read(request.type, request.name, response.urn, request.id, request.parent)
        )
        return response

    def _resolve_aliases(self, request: Any, own_urn: str) -> list[str]:
        """Former URNs: each alias (a URN or a spec whose blanks mean "as now"), then, like the
        engine, this resource's type and name under each former URN of its parent."""
        stack, project = pulumi.get_stack(), pulumi.get_project()
        found: list[str] = []
        for alias in request.aliases:
            if alias.urn:
                found.append(alias.urn)
                continue
            spec = alias.spec
            # "No parent" means a child of the stack itself, like every top-level resource.
            parent = self._stack_urn if spec.noParent else (spec.parentUrn or request.parent)
            found.append(
                make_urn(
                    parent,
                    spec.type or request.type,
                    spec.name or request.name,
                    spec.stack or stack,
                    spec.project or project,
                )
            )
        for parent_alias in self._aliases_by_urn.get(request.parent, []):
            found.append(make_urn(parent_alias, request.type, request.name, stack, project))
        return [urn for urn in dict.fromkeys(found) if urn != own_urn]


def _registration(request: Any, urn: str, aliases: list[str]) -> Registration:
    secret_paths: list[str] = []
    inputs, redacted = unwrap(json_format.MessageToDict(request.object), "", secret_paths)
    timeouts = request.customTimeouts
    return Registration(
        type=request.type,
        name=request.name,
        urn=urn,
        parent=request.parent,
        provider=request.provider,
        custom=request.custom,
        dependencies=list(request.dependencies),
        property_dependencies={k: list(v.urns) for k, v in request.propertyDependencies.items()},
        protect=bool(request.protect),
        retain_on_delete=bool(request.retainOnDelete),
        delete_before_replace=bool(request.deleteBeforeReplace),
        ignore_changes=list(request.ignoreChanges),
        additional_secret_outputs=list(request.additionalSecretOutputs),
        replace_on_changes=list(request.replaceOnChanges),
        inputs=inputs,
        redacted_inputs=redacted,
        secret_paths=secret_paths,
        custom_timeouts={
            "create": timeouts.create,
            "update": timeouts.update,
            "delete": timeouts.delete,
        },
        aliases=aliases,
    )
