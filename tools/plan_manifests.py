"""The rendered manifests of an offline plan: written beside the values, diffed object by object.

`manifests/<release>.yaml` holds every object the release's pinned chart renders for the values
the program registers (offline/release_manifests.py). Without the chart packages (no shared
folder, nothing fetched) the plan still runs: `manifests/SKIPPED.txt` says why, and the diff says
the objects were not compared rather than reporting them all as new.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from offline.release_manifests import MissingChartPackagesError, parse_manifests, render_manifests

SKIPPED = "SKIPPED.txt"


def write_manifests(out: Path, records: list[dict[str, Any]]) -> str:
    """Render and write each release's objects under out/manifests; returns what was done."""
    folder = out / "manifests"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    try:
        manifests = render_manifests(records)
    except MissingChartPackagesError as error:
        (folder / SKIPPED).write_text(f"{error}\n")
        return f"Skipped the rendered manifests: {error}"
    for release, text in manifests.items():
        (folder / f"{release}.yaml").write_text(text)
    return f"Wrote {folder}/ ({', '.join(sorted(manifests))})"


@dataclass
class ObjectChanges:
    """Object-level changes of the rendered manifests, or why they were not compared."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    skipped: str = ""
    lines: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return self.added + self.changed + self.removed


def objects_summary(changes: ObjectChanges) -> str:
    if changes.skipped:
        return f"**Objects:** not compared ({changes.skipped})"
    return (
        f"**Objects:** {changes.added} to add, {changes.changed} to change, "
        f"{changes.removed} to delete"
    )


def unified(before: str, after: str) -> list[str]:
    return [
        line.rstrip("\n")
        for line in difflib.unified_diff(
            before.splitlines(), after.splitlines(), "before", "after", lineterm=""
        )
    ]


def _skipped(folder: Path, side: str) -> str:
    manifests = folder / "manifests"
    if not manifests.is_dir():
        return f"{side} has no rendered manifests"
    if (manifests / SKIPPED).is_file():
        return f"{side}: {(manifests / SKIPPED).read_text().strip()}"
    return ""


def _read(folder: Path) -> dict[str, dict[str, dict[str, Any]]]:
    return {p.stem: parse_manifests(p.read_text()) for p in (folder / "manifests").glob("*.yaml")}


def _dump(obj: dict[str, Any] | None) -> str:
    return yaml.safe_dump(obj, sort_keys=True, default_flow_style=False) if obj else ""


def object_changes(old_dir: Path, new_dir: Path) -> ObjectChanges:
    """Each object added, deleted or changed (with its diff), release by release."""
    if reason := _skipped(old_dir, "base") or _skipped(new_dir, "head"):
        return ObjectChanges(skipped=reason)
    old, new = _read(old_dir), _read(new_dir)
    changes = ObjectChanges()
    for release in sorted(set(old) | set(new)):
        before, after = old.get(release, {}), new.get(release, {})
        entries: list[str] = []
        for key in sorted(set(before) | set(after)):
            if before.get(key) == after.get(key):
                continue
            if key not in before:
                changes.added += 1
                entries.append(f"- add `{key}`")
            elif key not in after:
                changes.removed += 1
                entries.append(f"- delete `{key}`")
            else:
                changes.changed += 1
                lines = unified(_dump(before[key]), _dump(after[key]))
                entries += [f"- change `{key}`", "  ```diff", *(f"  {x}" for x in lines), "  ```"]
        if entries:
            changes.lines += [f"\n**Objects of release `{release}`:**", *entries]
    return changes
