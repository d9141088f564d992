"""Offline plan: run the program for a stack under the offline engine (offline/), with no Pulumi CLI and no cloud.

    python tools/plan.py dev                      # print the resource tree, write plan-out/dev/
    python tools/plan.py prod --out build/prod    # choose the output folder
    python tools/plan.py prod --set database.restore.snapshotIdentifier=s1   # a config change, offline
    python tools/plan.py diff OLD_DIR NEW_DIR     # reviewer's diff of two plans (tools/plan_diff.py)

A rendered folder holds `resources.json` (every registered resource with its inputs, secrets
redacted), `values/<release>.yaml` (the values of each Helm release),
`manifests/<release>.yaml` (the objects its pinned chart renders from them; tools/plan_manifests.py)
and `cost.json`, the monthly estimate the plan prints (offline/cost/: the dated price table of the
stack's region; cluster nodes excluded).
Invalid configuration or a chart package that is not the pinned one exits with status 2 and the
error, without a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

HELM_RELEASE = "kubernetes:helm.sh/v3:Release"


def config_overrides(assignments: list[str]) -> dict[str, Any]:
    """`--set a.b.c=value` as `pulumi config set --path a.b.c value` would change the stack file
    (project keys; 2 is a number, true a boolean, null removes the key as `config rm`)."""
    from components.settings import PROJECT

    overrides: dict[str, Any] = {}
    for assignment in assignments:
        path, _, text = assignment.partition("=")
        top, *inner = path.split(".")
        node = overrides.setdefault(f"{PROJECT}:{top}", {}) if inner else overrides
        for part in inner[:-1]:
            node = node.setdefault(part, {})
        node[inner[-1] if inner else f"{PROJECT}:{top}"] = _config_value(text)
    return overrides


def _config_value(text: str) -> Any:
    """Numbers, booleans and null as `--path` stores them; anything else (dates too) as text."""
    value = yaml.safe_load(text) if text else text
    return value if value is None or isinstance(value, bool | int | float) else text


def render(
    stack: str, config_file: Path | None = None, overrides: dict[str, Any] | None = None
) -> tuple[Any, list[dict[str, Any]]]:
    """Run the program for `stack`; returns the run and its resources as plain, redacted records."""
    from offline.runner import run_program

    run = run_program(stack, overrides, config_file=config_file)
    records = [
        {
            "urn": r.urn,
            "type": r.type,
            "name": r.name,
            "parent": r.parent,
            # "urn:...::pulumi:providers:aws::aws::<id>" -> "aws"
            "provider": r.provider.split("::")[-2] if r.provider else "",
            "protect": r.protect,
            "retainOnDelete": r.retain_on_delete,
            "deleteBeforeReplace": r.delete_before_replace,
            "ignoreChanges": r.ignore_changes,
            "dependencies": sorted(r.dependencies),
            "inputs": r.redacted_inputs,
        }
        for r in run.registrations
    ]
    return run, records


def tree_lines(records: list[dict[str, Any]], stack_urn_name: str) -> list[str]:
    """The resource tree nested by parent, as `pulumi preview` shows it."""
    children: dict[str, list[dict[str, Any]]] = {}
    urns = {r["urn"] for r in records}
    for record in records:
        parent = record["parent"] if record["parent"] in urns else ""
        children.setdefault(parent, []).append(record)
    lines = [f"    pulumi:pulumi:Stack  {stack_urn_name}"]

    def walk(parent: str, prefix: str) -> None:
        kids = sorted(children.get(parent, []), key=lambda r: (r["type"], r["name"]))
        for index, record in enumerate(kids):
            last = index == len(kids) - 1
            flags = [f for f, on in (("protect", record["protect"]),) if on]
            suffix = f"  [{', '.join(flags)}]" if flags else ""
            lines.append(
                f"    {prefix}{'└─' if last else '├─'} {record['type']}  {record['name']}{suffix}"
            )
            walk(record["urn"], prefix + ("   " if last else "│  "))

    walk("", "")
    return lines


def write_rendered(out: Path, records: list[dict[str, Any]]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    # Sorted by URN: the order of registration varies from run to run (they are asynchronous).
    ordered = sorted(records, key=lambda record: record["urn"])
    (out / "resources.json").write_text(json.dumps(ordered, indent=2, sort_keys=True) + "\n")
    values_dir = out / "values"
    values_dir.mkdir(exist_ok=True)
    for old in values_dir.glob("*.yaml"):
        old.unlink()
    for record in records:
        if record["type"] == HELM_RELEASE:
            release = record["inputs"].get("name") or record["name"]
            values = record["inputs"].get("values", {})
            (values_dir / f"{release}.yaml").write_text(
                yaml.safe_dump(values, sort_keys=True, default_flow_style=False)
            )


def plan(
    stack: str,
    out: Path,
    config_file: Path | None = None,
    overrides: dict[str, Any] | None = None,
    manifests: bool = True,
) -> int:
    """Print the plan of `stack` and write it to `out`; `manifests=False` skips the chart renders
    (seconds each) for callers that only need resources and values."""
    from components.settings import PROJECT
    from offline.cost.estimate import estimate_cost
    from offline.cost.report import report_lines
    from offline.cost.saved import save_estimate

    try:
        _, records = render(stack, config_file, overrides)
    except Exception as error:
        import pulumi

        if isinstance(error, pulumi.RunError):
            print(f"error: {error}", file=sys.stderr)
            return 2
        raise
    print(f"Offline plan of stack {stack} ({len(records)} resources):\n")
    print("\n".join(tree_lines(records, f"{PROJECT}-{stack}")))
    print("\nResources by type:")
    for typ, count in sorted(Counter(r["type"] for r in records).items()):
        print(f"  {count:3d}  {typ}")
    protected = sorted(r["name"] for r in records if r["protect"])
    print(f"\nProtected: {', '.join(protected) if protected else 'none'}")
    estimate = estimate_cost(records)
    print("\n" + "\n".join(report_lines(estimate)))
    write_rendered(out, records)
    cost_file = save_estimate(estimate, out)
    print(f"\nWrote {out / 'resources.json'}, {cost_file} and {out / 'values'}/")
    if manifests:
        from offline.rendering import ChartPackageError
        from tools.plan_manifests import write_manifests

        try:
            print(write_manifests(out, records))
        except ChartPackageError as error:  # present but not the pinned package: never render it
            print(f"error: {error}", file=sys.stderr)
            return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "diff":
        parser = argparse.ArgumentParser(prog="plan.py diff", description="Diff two renders.")
        parser.add_argument("old", type=Path)
        parser.add_argument("new", type=Path)
        args = parser.parse_args(argv[1:])
        from tools.plan_diff import diff

        sys.stdout.write(diff(args.old, args.new))
        return 0
    parser = argparse.ArgumentParser(prog="plan.py", description=__doc__.split("\n")[0])
    parser.add_argument("stack", choices=["dev", "prod"])
    parser.add_argument("--out", type=Path, help="output folder (default plan-out/<stack>)")
    parser.add_argument(
        "--config-file", type=Path, help="a stack file to use instead of Pulumi.<stack>.yaml"
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="change a config value for this plan only, e.g. secrets.rotation.fernetKey=1",
    )
    args = parser.parse_args(argv)
    out = args.out or PROJECT_ROOT / "plan-out" / args.stack
    return plan(args.stack, out, args.config_file, config_overrides(args.set))


if __name__ == "__main__":
    sys.exit(main())
