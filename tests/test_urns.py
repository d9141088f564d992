"""Golden URNs: every resource of dev and prod keeps its URN (type, name, parent chain).

A changed URN makes `pulumi up` delete the old resource and create a new one (in prod, a protected
database or file system would block the update). `tests/golden/urns-<stack>.txt` holds one line per
resource, `URN PARENT_URN`, taken from the plan of main@13b42ea. A resource whose URN must change
passes only if it declares `aliases` that resolve to its old URN (and its parent to the old parent).
A new resource fails until its line, printed in the failure, is added to the golden file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pulumi
import pytest

from offline.monitor import Registration
from offline.runner import execute
from tests.conftest import cached_run

GOLDEN = Path(__file__).parent / "golden"


def golden_urns(stack: str) -> dict[str, str]:
    """URN -> parent URN, as recorded in the golden file of `stack`."""
    lines = (GOLDEN / f"urns-{stack}.txt").read_text().splitlines()
    return dict(line.split(" ", 1) for line in lines if line.strip())


def urn_changes(registrations: list[Registration], golden: dict[str, str]) -> list[str]:
    """Each resource whose URN or parent differs from `golden` without an alias, and each new one."""
    by_old_urn: dict[str, Registration] = {}
    for registration in registrations:
        for urn in [registration.urn, *registration.aliases]:
            by_old_urn.setdefault(urn, registration)
    problems: list[str] = []
    for old_urn, old_parent in golden.items():
        found = by_old_urn.get(old_urn)
        if found is None:
            problems.append(f"{old_urn}: no resource has this URN or an alias resolving to it")
        elif found.parent != old_parent and by_old_urn.get(old_parent) is not _parent(
            found, registrations
        ):
            problems.append(f"{old_urn}: parent {old_parent} became {found.parent}, without alias")
    problems += [
        f"new resource (add this line to the golden file if intended): {r.urn} {r.parent}"
        for r in registrations
        if not ({r.urn, *r.aliases} & golden.keys())
    ]
    return problems


def _parent(registration: Registration, registrations: list[Registration]) -> Registration | None:
    return next((r for r in registrations if r.urn == registration.parent), None)


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_every_urn_is_unchanged_or_aliased(stack: str) -> None:
    assert urn_changes(cached_run(stack).registrations, golden_urns(stack)) == []


def test_golden_files_are_sorted_and_whole() -> None:
    for stack in ("dev", "prod"):
        lines = (GOLDEN / f"urns-{stack}.txt").read_text().splitlines()
        assert lines == sorted(lines) and len(lines) == len(golden_urns(stack)) > 40
        assert all(line.startswith(f"urn:pulumi:{stack}::airflow-platform::") for line in lines)


def _registrations(program: Callable[[], object]) -> list[Registration]:
    execution = execute("prod", {}, program)
    assert execution.error is None, execution.error
    return execution.monitor.registrations


def _component(name: str, typ: str = "test:index:Db", **options: object) -> pulumi.Resource:
    return pulumi.ComponentResource(typ, name, None, pulumi.ResourceOptions(**options))  # type: ignore[arg-type]


def _program(typ: str, name: str, aliases: list[pulumi.Alias] | None = None) -> Callable[[], None]:
    def program() -> None:
        parent = _component("db", typ, aliases=aliases or [])
        _component("instance", "test:index:Instance", parent=parent)

    return program


def test_a_renamed_or_retyped_resource_fails_unless_aliased() -> None:
    before = _registrations(_program("test:index:Db", "db"))
    golden = {r.urn: r.parent for r in before}
    assert urn_changes(_registrations(_program("test:index:Db", "db")), golden) == []
    retyped = urn_changes(_registrations(_program("test:index:Database", "db")), golden)
    assert len([p for p in retyped if "no resource has this URN" in p]) == 2, retyped
    aliased = _program("test:index:Database", "db", [pulumi.Alias(type_="test:index:Db")])
    assert urn_changes(_registrations(aliased), golden) == []


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_a_rotation_keeps_every_urn_and_adds_only_the_new_fernet_generation(stack: str) -> None:
    run = cached_run(
        stack,
        {"airflow-platform:secrets": {"rotation": {"fernetKey": 1, "databasePassword": 1}}},
    )
    problems = urn_changes(run.registrations, golden_urns(stack))
    assert len(problems) == 1 and problems[0].startswith("new resource"), problems
    assert "RandomBytes::airflow-fernet-key-1 " in problems[0]
