"""A stack's cluster state: every Helm release the program registers, rendered by the real chart
with exactly its registered name, namespace and values, beside the program's own Kubernetes objects
(Namespaces, Secrets, ConfigMaps, issuers, NetworkPolicies, ServiceMonitors...).

This is what the verifiers (`offline/verify/`) read: what the cluster would receive, not what the
program hands to Helm. Built from a `ProgramRun`, so tests share the session's program runs.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from components import pins
from components.pins import ChartPin
from components.settings import PlatformSettings, parse_settings
from offline.monitor import Registration
from offline.rendering import (
    CLUSTER_SCOPED_KINDS,
    ChartPackageError,
    HelmRelease,
    render_release,
)
from offline.runner import ProgramRun, load_stack_config

RELEASE_TYPE = "kubernetes:helm.sh/v3:Release"
# The Kubernetes provider puts a namespaced object without one in the `default` namespace.
DEFAULT_NAMESPACE = "default"


@dataclass(frozen=True)
class StackRender:
    """What `pulumi up` of one stack would apply to the cluster."""

    stack: str
    releases: Mapping[str, list[dict[str, Any]]]  # Helm release name -> its rendered objects
    program_objects: list[dict[str, Any]]  # the objects the program registers itself
    prerequisites: Mapping[str, None]  # `Kind/ns/name` the program reads as existing

    @property
    def objects(self) -> list[dict[str, Any]]:
        return [*self.program_objects, *(o for objs in self.releases.values() for o in objs)]


def chart_pins() -> dict[tuple[str, str], ChartPin]:
    """(chart, version) -> the pin, for every chart the program pins."""
    found = [value for value in vars(pins).values() if isinstance(value, ChartPin)]
    return {(pin.chart, pin.version): pin for pin in found}


def helm_release(registration: Registration) -> HelmRelease:
    """The registered Release as the renderer takes it; refused unless its chart is pinned."""
    inputs = registration.inputs
    chart, version = str(inputs.get("chart")), str(inputs.get("version"))
    pin = chart_pins().get((chart, version))
    if pin is None:
        raise ChartPackageError(f"{registration.name}: chart {chart} {version} is not pinned")
    return HelmRelease(pin, str(inputs["name"]), str(inputs["namespace"]), inputs["values"])


def program_object(registration: Registration) -> dict[str, Any]:
    """A registered Kubernetes resource as the provider would apply it (inputs are the manifest)."""
    obj = copy.deepcopy(registration.inputs)
    metadata = obj.setdefault("metadata", {})
    metadata.setdefault("name", registration.name)
    if obj.get("kind") not in CLUSTER_SCOPED_KINDS:
        metadata.setdefault("namespace", DEFAULT_NAMESPACE)
    return obj


def program_objects(registrations: Iterable[Registration]) -> list[dict[str, Any]]:
    return [
        program_object(r)
        for r in registrations
        if r.type.startswith("kubernetes:") and r.type != RELEASE_TYPE and r.custom
    ]


def read_prerequisites(run: ProgramRun) -> dict[str, None]:
    """The Kubernetes objects the program reads as existing (`Secret.get`): it fails at preview
    without them, so they are prerequisites by construction."""
    found: dict[str, None] = {}
    for read in run.reads:
        if read.type.startswith("kubernetes:"):
            kind = read.type.rsplit(":", 1)[1]
            found[f"{kind}/{read.id}"] = None
    return found


def render_stack(run: ProgramRun, charts_dir: Path | None = None) -> StackRender:
    """Render every release of `run` (cached per release and values by offline.rendering)."""
    releases = {
        str(r.inputs["name"]): render_release(helm_release(r), charts_dir)
        for r in run.by_type(RELEASE_TYPE)
    }
    return StackRender(
        run.stack, releases, program_objects(run.registrations), read_prerequisites(run)
    )


def stack_settings(stack: str) -> PlatformSettings:
    """The typed settings of a stack file, as the program parses them."""
    raw: dict[str, Any] = {}
    for key, value in load_stack_config(stack).items():
        if key == "aws:region":
            raw["region"] = value
        elif ":" in key and not key.startswith("aws:"):
            raw[key.split(":", 1)[1]] = value
    return parse_settings(raw)
