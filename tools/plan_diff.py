"""The reviewer's diff of two offline plans (tools/plan.py renders them), as Markdown.

    python tools/plan.py diff OLD_DIR NEW_DIR

The summary line counts resources (add / change / replace / delete), Helm releases whose values
change and rendered objects (add / change / delete); the next line gives the change of the monthly
estimate (cost.json of each plan), only when it changes. Then: each resource with the inputs that
change, `replace` where a changed input forces a new resource (offline/replacements.py) and
"will fail: protected" where the resource is protected; dependency changes (parent, dependsOn);
each release's values as a unified diff; each rendered object that changes, with its own diff;
each resource whose estimated monthly price changes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from offline.cost.report import change_line, changed_items, summary_line
from offline.cost.saved import COST_FILE, load_estimate
from offline.replacements import UnknownResourceTypeError, replaced_by
from tools.plan_manifests import object_changes, objects_summary, unified

PROTECTED = " (will fail: protected)"


def _flatten(value: Any, path: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        flat: dict[str, Any] = {}
        for key, inner in value.items():
            flat.update(_flatten(inner, f"{path}.{key}" if path else str(key)))
        return flat or {path: {}}
    if isinstance(value, list):
        if not value:
            return {path: []}
        flat = {}
        for index, inner in enumerate(value):
            flat.update(_flatten(inner, f"{path}[{index}]"))
        return flat
    return {path: value}


def _changed_paths(before: dict[str, Any], after: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """{path: (before, after)} of each option or input (outside the Helm values) that differs."""
    changes: dict[str, tuple[Any, Any]] = {}
    for key in ("protect", "retainOnDelete", "deleteBeforeReplace", "provider"):
        if before.get(key) != after.get(key):
            changes[key] = (before.get(key), after.get(key))
    flat_before, flat_after = _flatten(before["inputs"]), _flatten(after["inputs"])
    for path in sorted(set(flat_before) | set(flat_after)):
        if path.startswith("values.") or path == "values":
            continue  # Helm values are diffed as YAML (_values_diff)
        old, new = flat_before.get(path, "<absent>"), flat_after.get(path, "<absent>")
        if old != new:
            changes[path] = (old, new)
    return changes


def _short(urn: str) -> str:
    return urn.rsplit("::", 1)[-1] if urn else "(stack)"


def _dependency_changes(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """What this resource waits for or hangs under, when that changes."""
    parts = []
    if before.get("parent") != after.get("parent"):
        parts.append(f"parent {_short(before.get('parent', ''))} → {_short(after['parent'])}")
    old, new = set(before.get("dependencies", [])), set(after.get("dependencies", []))
    if old != new:
        moved = [f"+{_short(u)}" for u in sorted(new - old)]
        moved += [f"-{_short(u)}" for u in sorted(old - new)]
        parts.append(f"dependsOn {', '.join(moved)}")
    return parts


def _label(record: dict[str, Any]) -> str:
    return f"`{record['type']}` **{record['name']}**"


def _resource_entry(old: dict[str, Any], new: dict[str, Any]) -> tuple[str, list[str]]:
    """(verb, lines) of a resource whose inputs changed: `change` or `replace`."""
    changes = _changed_paths(old, new)
    try:
        forcing = set(replaced_by(new["type"], list(changes)))
        unknown = ""
    except UnknownResourceTypeError:
        forcing, unknown = set(), " (replacement unknown: no entry in offline/replacements.py)"
    verb = "replace" if forcing else "change"
    warn = PROTECTED if forcing and old["protect"] else ""
    lines = [f"- {verb} {_label(new)}{warn}{unknown}", "  ```"]
    for path, (before, after) in changes.items():
        mark = "  # forces replacement" if path in forcing else ""
        lines.append(f"  {path}: {json.dumps(before)} → {json.dumps(after)}{mark}")
    lines.append("  ```")
    return verb, lines


def _load(folder: Path) -> dict[str, dict[str, Any]]:
    return {r["urn"]: r for r in json.loads((folder / "resources.json").read_text())}


def diff(old_dir: Path, new_dir: Path) -> str:
    """Markdown describing what changes from old_dir's plan to new_dir's."""
    old, new = _load(old_dir), _load(new_dir)
    added, removed = sorted(set(new) - set(old)), sorted(set(old) - set(new))
    counts = {"change": 0, "replace": 0}
    body: list[str] = [f"- add {_label(new[urn])}" for urn in added]
    body += [
        f"- delete {_label(old[urn])}{PROTECTED if old[urn]['protect'] else ''}" for urn in removed
    ]
    dependencies: list[str] = []
    for urn in sorted(set(old) & set(new)):
        if _changed_paths(old[urn], new[urn]):
            verb, lines = _resource_entry(old[urn], new[urn])
            counts[verb] += 1
            body.extend(lines)
        if moved := _dependency_changes(old[urn], new[urn]):
            dependencies.append(f"- {_label(new[urn])}: {'; '.join(moved)}")
    values = _values_diff(old_dir, new_dir)
    objects = object_changes(old_dir, new_dir)
    summary = (
        f"**Resources:** {len(added)} to add, {counts['change']} to change, "
        f"{counts['replace']} to replace, {len(removed)} to delete · "
        f"**Releases:** {len(values)} with changed values · {objects_summary(objects)}"
    )
    cost_summary, cost_items = _cost_change(old_dir, new_dir)
    out = [summary, *cost_summary, *body]
    if dependencies:
        out += ["\n**Dependency changes:**", *dependencies]
    for name, lines in values.items():
        out += [f"\n**Helm values `{name}`:**", "```diff", *lines, "```"]
    out += objects.lines
    if cost_items:
        out += ["\n**Estimated monthly cost by resource:**", *cost_items]
    changed = added or removed or any(counts.values()) or dependencies or values or cost_items
    if not (changed or objects.count):
        out.append("\nNo changes.")
    return "\n".join(out) + "\n"


def _values_diff(old_dir: Path, new_dir: Path) -> dict[str, list[str]]:
    """{values file: unified diff lines} of each Helm release whose values changed."""
    old_values = {p.name: p.read_text() for p in (old_dir / "values").glob("*.yaml")}
    new_values = {p.name: p.read_text() for p in (new_dir / "values").glob("*.yaml")}
    changed: dict[str, list[str]] = {}
    for name in sorted(set(old_values) | set(new_values)):
        before_text, after_text = old_values.get(name, ""), new_values.get(name, "")
        if before_text != after_text:
            changed[name] = unified(before_text, after_text)
    return changed


def _cost_change(old_dir: Path, new_dir: Path) -> tuple[list[str], list[str]]:
    """(summary lines, item lines) of the estimate's change; nothing where it is the same or
    neither plan has one. A base planned before plans wrote cost.json is said to be so."""
    old, new = load_estimate(old_dir), load_estimate(new_dir)
    if old == new:
        return [], []
    if old is None or new is None:
        side, other, present = ("base", "head", new) if old is None else ("head", "base", old)
        assert present is not None
        described = summary_line(present).removeprefix("Estimated monthly cost: ")
        return [
            f"Estimated monthly cost not compared: the {side} plan has no {COST_FILE}"
            f" (made by an older tools/plan.py); {other}: {described}"
        ], []
    return [change_line(old, new)], changed_items(old, new)
