"""The estimate written into an offline plan's folder (cost.json), so the plan diff compares the
estimates as each side's own plan and price table made them."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from offline.cost.estimate import CostLine, Estimate

COST_FILE = "cost.json"


def save_estimate(estimate: Estimate, folder: Path) -> Path:
    document: dict[str, Any] = {"total": estimate.total, **dataclasses.asdict(estimate)}
    path = folder / COST_FILE
    path.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n")
    return path


def load_estimate(folder: Path) -> Estimate | None:
    """The plan's estimate, or None for a plan made before plans carried one."""
    path = folder / COST_FILE
    if not path.is_file():
        return None
    document = json.loads(path.read_text())
    document.pop("total")  # derived from the lines
    lines = [CostLine(**line) for line in document.pop("lines")]
    return Estimate(lines=lines, **document)
