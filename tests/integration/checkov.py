"""checkov, the security gate's scanner: installed in its own cached venv, run as a subprocess over
a workspace holding each stack's Terraform-plan view and rendered manifests.

Layout of the workspace (checkov reports paths relative to it, so each finding knows its stack):
    <stack>/plan.json                      the AWS resources (offline/terraform_view.py)
    <stack>/manifests/<kind>-<ns>-<name>.yaml  every object the cluster would receive
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from tests.integration.venvs import cached_venv

FRAMEWORKS = ("terraform_plan", "kubernetes")


def checkov_program() -> Path:
    """The checkov entry point of the cached venv (built on first use, about a minute)."""
    return cached_venv("checkov").parent / "checkov"


def write_stack(
    workspace: Path, stack: str, plan: Mapping[str, Any], objects: Iterable[Mapping[str, Any]]
) -> None:
    directory = workspace / stack / "manifests"
    directory.mkdir(parents=True)
    (workspace / stack / "plan.json").write_text(json.dumps(plan, indent=1))
    for index, obj in enumerate(objects):
        metadata = obj.get("metadata", {})
        name = f"{index:03d}-{obj['kind']}-{metadata.get('namespace', '_')}-{metadata['name']}"
        (directory / f"{name}.yaml").write_text(yaml.safe_dump(dict(obj), sort_keys=False))


def scan(workspace: Path) -> tuple[list[dict[str, Any]], float]:
    """checkov's JSON reports (one per framework) over the workspace, and the seconds it took."""
    started = time.monotonic()
    result = subprocess.run(
        [
            str(checkov_program()),
            "--directory",
            str(workspace),
            "--framework",
            *FRAMEWORKS,
            "--output",
            "json",
            # Offline: no guideline or policy download from Prisma Cloud, nothing uploaded.
            "--skip-download",
            # Failed checks are judged by the allowlist, not by checkov's exit code.
            "--soft-fail",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    seconds = time.monotonic() - started
    if result.returncode != 0:
        raise RuntimeError(f"checkov exited {result.returncode}: {result.stderr[-2000:]}")
    output = json.loads(result.stdout)
    reports = [output] if isinstance(output, dict) else list(output)
    return reports, seconds
