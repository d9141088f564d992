"""Runs a probe script (probes/*.py) in a consumer's venv: JSON in on stdin, JSON out on stdout."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tests.integration.venvs import cached_venv

PROBES = Path(__file__).parent / "probes"


def run_probe(
    venv: str,
    probe: str,
    payload: dict[str, Any],
    timeout: float = 300,
    env: Mapping[str, str] | None = None,
) -> Any:
    """`env` is added to this process's environment for the probe."""
    python = cached_venv(venv)
    result = subprocess.run(
        [str(python), str(PROBES / f"{probe}.py")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
    if result.returncode != 0:
        raise AssertionError(
            f"probe {probe} in {venv} failed ({result.returncode}):\n{result.stderr[-6000:]}"
        )
    return json.loads(result.stdout.strip().splitlines()[-1])
