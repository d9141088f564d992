"""Runs a probe script (probes/*.py) in a consumer's venv: JSON in on stdin, JSON out on stdout."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from tests.integration.venvs import cached_venv

PROBES = Path(__file__).parent / "probes"


def run_probe(venv: str, probe: str, payload: dict[str, Any], timeout: float = 300) -> Any:
    python = cached_venv(venv)
    result = subprocess.run(
        [str(python), str(PROBES / f"{probe}.py")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise AssertionError(
            f"probe {probe} in {venv} failed ({result.returncode}):\n{result.stderr[-6000:]}"
        )
    return json.loads(result.stdout.strip().splitlines()[-1])
