"""One helper for every chart the program installs: pinned repository, chart and exact version."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pulumi
import pulumi_kubernetes as k8s

from components.pins import ChartPin


def pinned_release(
    resource_name: str,
    pin: ChartPin,
    *,
    release_name: str,
    namespace: pulumi.Input[str],
    values: pulumi.Input[Mapping[str, Any]],
    timeout_seconds: int,
    opts: pulumi.ResourceOptions,
    wait_for_jobs: bool = False,
) -> k8s.helm.v3.Release:
    """A Helm release that Pulumi waits for (pods ready), at an exact chart version.

    The release name is fixed: Pulumi would otherwise add a random suffix, renaming every object
    the chart creates. Failed upgrades clean up after themselves; history is bounded.
    """
    return k8s.helm.v3.Release(
        resource_name,
        name=release_name,
        chart=pin.chart,
        version=pin.version,
        repository_opts=k8s.helm.v3.RepositoryOptsArgs(repo=pin.repository),
        namespace=namespace,
        create_namespace=False,
        values=values,
        timeout=timeout_seconds,
        skip_await=False,
        wait_for_jobs=wait_for_jobs,
        cleanup_on_fail=True,
        max_history=10,
        opts=opts,
    )
