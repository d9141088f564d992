"""Class 9: the README's required keys are exactly what a minimal stack needs. A stack holding only
them deploys (offline); without any one of them it stops with one error naming that key."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from offline.runner import PROJECT, PROJECT_ROOT, execute, program_run, run_main
from tests.settings.bad_input import one_error_of

# A value for each key the README may call required (a README row with no value here fails).
EXAMPLES: dict[str, Any] = {
    "aws:region": "eu-west-1",
    "environment": None,  # the stack's own
    "cluster.name": "data-platform",
    "cluster.privateSubnets[].id": ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
    "cluster.privateSubnets[].availabilityZone": ["eu-west-1a", "eu-west-1b"],
    "certManager.email": "ops@example.com",
    "airflow.host": "airflow.example.com",
    "airflow.ingressClassName": "traefik",
    "airflow.dags.gitSync.repository": "https://github.com/example-org/airflow-dags.git",
}


def readme_required_keys(stack: str) -> list[str]:
    """Keys of the README's configuration table whose `stack` column says 'required'."""
    column = {"dev": 1, "prod": 2}[stack]
    table = (PROJECT_ROOT / "README.md").read_text().split("## Configuration", 1)[1]
    keys: list[str] = []
    for row in table.split("\n## ", 1)[0].splitlines():
        cells = [c.strip() for c in row.strip("|").split("|")]
        if len(cells) < 3 or not cells[column].startswith("required"):
            continue
        if "when" in cells[column]:  # required only once its block is set
            continue
        names = re.findall(r"`([^`]+)`", cells[0])
        base = names[0]
        keys += [base] + [base.rsplit(".", 1)[0] + n for n in names[1:]]
    return keys


def minimal_config(stack: str, keys: list[str]) -> dict[str, Any]:
    """A stack file's config holding only `keys`."""
    config: dict[str, Any] = {}
    for key in keys:
        value = stack if key == "environment" else copy.deepcopy(EXAMPLES[key])
        if ":" in key:
            config[key] = value
            continue
        top, *rest = key.split(".")
        node = config.setdefault(f"{PROJECT}:{top}", {} if rest else value)
        _place(node, rest, value)
    return config


def _place(node: Any, path: list[str], value: Any) -> None:
    for depth, part in enumerate(path):
        if part.endswith("[]"):  # one value per list item
            items = node.setdefault(part[:-2], [{} for _ in value])
            for item, item_value in zip(items, value, strict=True):
                _place(item, path[depth + 1 :], item_value)
            return
        if depth == len(path) - 1:
            node[part] = value
        else:
            node = node.setdefault(part, {})


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_the_readme_lists_only_keys_with_an_example(stack: str) -> None:
    keys = readme_required_keys(stack)
    assert {"aws:region", "environment", "cluster.name", "airflow.host"} <= set(keys)
    assert set(keys) <= set(EXAMPLES), set(keys) - set(EXAMPLES)


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_a_stack_with_only_the_required_keys_deploys(stack: str) -> None:
    config = minimal_config(stack, readme_required_keys(stack))
    run = program_run(execute(stack, config, run_main))
    assert run.one("aws:rds/instance:Instance") and run.one(
        "kubernetes:helm.sh/v3:Release", "airflow-release"
    )


def _removals() -> list[tuple[str, str]]:
    return [(stack, key) for stack in ("dev", "prod") for key in readme_required_keys(stack)]


@pytest.mark.parametrize(("stack", "key"), _removals(), ids=[f"{s}-{k}" for s, k in _removals()])
def test_without_any_one_of_them_the_error_names_it(stack: str, key: str) -> None:
    keys = readme_required_keys(stack)
    config = minimal_config(stack, [k for k in keys if k != key or "[]" in key])
    if "[]" in key:  # from the first list item only
        block, item_key = key.split("[]")
        top, *inner = block.split(".")
        items = config[f"{PROJECT}:{top}"]
        for part in inner:
            items = items[part]
        del items[0][item_key.lstrip(".")]
    line = one_error_of(stack, config)
    named = f"{PROJECT}:{key}" if ":" not in key else key
    assert line.startswith(named.replace("[]", "[0]") + ": "), line
    assert "not set" in line, line
