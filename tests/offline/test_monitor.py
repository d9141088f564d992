"""offline/monitor.py: every registration is recorded with its options, secrets and former URNs."""

from __future__ import annotations

from collections.abc import Callable

import pulumi

from offline.monitor import REDACTED, Registration, make_urn, unwrap
from offline.runner import ProgramRun, execute

SECRET = {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "value": "pw"}


def test_monitor_records_options_and_dependencies(prod_run: ProgramRun) -> None:
    instance = prod_run.one("aws:rds/instance:Instance")
    assert instance.protect is True
    assert instance.parent.endswith("airflow-platform:database:Database::metadata-db")
    assert instance.provider.split("::")[-2] == "aws"
    assert "password" in instance.additional_secret_outputs
    assert instance.dependencies, "dependencies recorded"
    assert "password" in instance.secret_paths
    assert instance.redacted_inputs["password"] == REDACTED
    issuer = prod_run.one("kubernetes:cert-manager.io/v1:ClusterIssuer")
    release = prod_run.one("kubernetes:helm.sh/v3:Release", "cert-manager-release")
    assert release.urn in issuer.dependencies


def test_secret_values_are_redacted_but_kept_for_assertions(dev_run: ProgramRun) -> None:
    secret = dev_run.one("kubernetes:core/v1:Secret", "airflow-metadata")
    assert secret.redacted_inputs["stringData"] == REDACTED
    assert secret.inputs["stringData"]["connection"].startswith("postgresql://")


def test_unwrap_redacts_nested_secrets_and_names_their_paths() -> None:
    paths: list[str] = []
    plain, redacted = unwrap({"a": [{"b": SECRET}], "n": 5.0}, "", paths)
    assert plain == {"a": [{"b": "pw"}], "n": 5}
    assert redacted == {"a": [{"b": REDACTED}], "n": 5}
    assert paths == ["a[0].b"]


def _registrations(program: Callable[[], object]) -> dict[str, Registration]:
    execution = execute("dev", {}, program)
    assert execution.error is None, execution.error
    return {r.name: r for r in execution.monitor.registrations}


def _item(parent: pulumi.Resource, **options: object) -> pulumi.ComponentResource:
    opts = pulumi.ResourceOptions(parent=parent, **options)  # type: ignore[arg-type]
    return pulumi.ComponentResource("test:index:Item", "item", None, opts)


def _box(name: str, typ: str = "test:index:Box", **options: object) -> pulumi.ComponentResource:
    return pulumi.ComponentResource(typ, name, None, pulumi.ResourceOptions(**options))  # type: ignore[arg-type]


def test_a_retyped_parent_and_its_children_answer_to_their_old_urns() -> None:
    old = _registrations(lambda: _item(_box("box")))
    alias = pulumi.Alias(type_="test:index:Box")
    new = _registrations(lambda: _item(_box("box", "test:index:Crate", aliases=[alias])))
    assert new["box"].aliases == [old["box"].urn]
    assert new["item"].urn != old["item"].urn
    assert new["item"].aliases == [old["item"].urn]


def test_a_renamed_parent_keeps_its_childrens_urns() -> None:
    old = _registrations(lambda: _item(_box("old")))
    new = _registrations(lambda: _item(_box("new", aliases=[pulumi.Alias(name="old")])))
    assert new["new"].aliases == [old["old"].urn]
    assert new["item"].urn == old["item"].urn and new["item"].aliases == []


def test_a_child_moved_to_another_parent_answers_to_its_old_urn() -> None:
    def before() -> None:
        _item(_box("box"))

    def after() -> None:
        box = _box("box")
        _item(_box("inner", "test:index:Shelf", parent=box), aliases=[pulumi.Alias(parent=box)])

    old, new = _registrations(before), _registrations(after)
    assert new["item"].aliases == [old["item"].urn]


def test_aliases_by_type_by_urn_and_to_the_top_level() -> None:
    old = _registrations(lambda: _item(_box("box")))
    stack = old["box"].parent
    retyped = _registrations(
        lambda: _box("box2", aliases=[pulumi.Alias(name="box", type_="test:index:Box")])
    )
    assert retyped["box2"].aliases == [old["box"].urn]
    by_urn = _registrations(lambda: _box("box3", aliases=[old["box"].urn]))
    assert by_urn["box3"].aliases == [old["box"].urn]

    def moved_up() -> None:
        _item(_box("other"), aliases=[pulumi.Alias(name="item", parent=None)])

    top_level = make_urn(stack, "test:index:Item", "item", "dev", "airflow-platform")
    assert _registrations(moved_up)["item"].aliases == [top_level]
