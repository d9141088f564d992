"""offline/runner.py: the program runs for a stack with its stack file's config, as the CLI runs it."""

from __future__ import annotations

from pathlib import Path

import pulumi
import pytest

from offline.runner import (
    DELETE,
    PROJECT,
    ProgramRun,
    execute,
    execute_program,
    load_stack_config,
    merge_config,
    run_program,
    to_pulumi_config,
)
from offline.world import World


def test_config_is_encoded_like_the_cli() -> None:
    encoded = to_pulumi_config({"a:obj": {"x": [1]}, "a:flag": True, "a:s": "v", "a:n": 3})
    assert encoded == {"a:obj": '{"x": [1]}', "a:flag": "true", "a:s": "v", "a:n": "3"}


def test_overrides_deep_merge_and_delete_removes_a_key() -> None:
    base = {"p:db": {"size": 20, "class": "small"}, "p:keep": 1, "p:gone": 2}
    merged = merge_config(base, {"p:db": {"size": 50, "class": DELETE}, "p:gone": DELETE})
    assert merged == {"p:db": {"size": 50}, "p:keep": 1}
    assert base["p:db"] == {"size": 20, "class": "small"}, "the base is not changed"


def test_a_config_file_replaces_the_stack_file(tmp_path: Path) -> None:
    stack_file = tmp_path / "Pulumi.other.yaml"
    stack_file.write_text("config:\n  aws:region: us-east-1\n")
    assert load_stack_config("dev", stack_file) == {"aws:region": "us-east-1"}
    assert load_stack_config("dev")["aws:region"] == "eu-west-1"


def test_the_run_exposes_outputs_and_which_are_secret() -> None:
    def program() -> None:
        pulumi.export("plain", "v")
        pulumi.export("hidden", pulumi.Output.secret("s"))
        pulumi.export("stack", pulumi.get_stack())
        pulumi.export("config", pulumi.Config("p").require("k"))

    from offline.runner import program_run

    run = program_run(execute("prod", {"p:k": "from-config"}, program))
    assert run.outputs == {"plain": "v", "hidden": "s", "stack": "prod", "config": "from-config"}
    assert run.secret_outputs == {"hidden"}


def test_an_error_in_the_program_is_kept_by_execute_and_raised_by_run_program() -> None:
    def program() -> None:
        raise ValueError("bad config")

    execution = execute("dev", {}, program)
    assert isinstance(execution.error, ValueError)
    with pytest.raises(pulumi.RunError, match=r"airflow-platform:airflow\.host"):
        run_program("dev", {"airflow-platform:airflow": {"host": "not a host name!"}})


def test_query_helpers_find_resources_and_their_components(prod_run: ProgramRun) -> None:
    instance = prod_run.one("aws:rds/instance:Instance")
    assert prod_run.by_urn(instance.urn) is instance
    component = prod_run.component_of(instance)
    assert component is not None and component.type == f"{PROJECT}:database:Database"
    assert [a.name for a in prod_run.ancestors(instance)] == ["metadata-db"]
    with pytest.raises(AssertionError, match="found"):
        prod_run.one("kubernetes:core/v1:Secret")


def test_mock_ids_are_deterministic_between_runs(dev_run: ProgramRun) -> None:
    def inputs_by_urn(run: ProgramRun) -> dict[str, object]:
        return {r.urn: r.redacted_inputs for r in run.registrations}

    assert inputs_by_urn(run_program("dev")) == inputs_by_urn(dev_run)


def test_a_run_that_fails_midway_leaves_nothing_to_the_next_run() -> None:
    """The SDK stops at the first failed RPC; the failed run's other RPCs must not fail the next
    run on the same event loop (they did, before `drain_failed_run`)."""
    missing = World(missing_secrets=frozenset({"airflow/airflow-oidc"}))
    for _ in range(2):
        failed = execute_program("prod", world=missing)
        assert isinstance(failed.error, LookupError)
        assert run_program("dev").registrations


def test_a_run_refused_by_its_settings_leaves_nothing_to_the_next_run() -> None:
    for _ in range(2):
        failed = execute_program("dev", {f"{PROJECT}:database": {"backupWindow": "2am"}})
        assert isinstance(failed.error, pulumi.RunError)
        assert not failed.monitor.registrations and not failed.mocks.invokes
        assert run_program("dev").registrations
