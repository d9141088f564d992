"""offline/verify/commands.py: commands run through the kubelet's expansion and a real bash, then
a real argument parser, for every value a generated secret may hold."""

from __future__ import annotations

import argparse
import contextlib
import io
from typing import Any

from offline.verify.commands import (
    check_commands,
    invocations,
    kubelet_expand,
    password_samples,
)

SAMPLES = {("Secret/team/admin", "password"): ["plain", "-starts-with-a-dash"]}


def tool_parse(argvs: list[list[str]]) -> list[str | None]:
    """A real argparse parser shaped like `airflow users create`'s."""
    parser = argparse.ArgumentParser(prog="tool", exit_on_error=True)
    sub = parser.add_subparsers(dest="command", required=True)
    create = sub.add_parser("create")
    create.add_argument("--role", required=True)
    create.add_argument("-p", "--password")
    results: list[str | None] = []
    for argv in argvs:
        err = io.StringIO()
        try:
            with contextlib.redirect_stderr(err):
                parser.parse_args(argv)
            results.append(None)
        except SystemExit:
            results.append(err.getvalue().strip().splitlines()[-1])
    return results


def job(args: list[str], env: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    password = {"secretKeyRef": {"name": "admin", "key": "password"}}
    return {
        "kind": "Job",
        "metadata": {"name": "create-user", "namespace": "team"},
        "spec": {
            "template": {
                "spec": {
                    "containers": [
                        {
                            "name": "create",
                            "args": args,
                            "env": env or [{"name": "PASSWORD", "valueFrom": password}],
                        }
                    ]
                }
            }
        },
    }


SCRIPT_ARGS = ["--", "--role", "Admin"]


def test_a_separate_option_value_that_starts_with_a_dash_is_rejected() -> None:
    script = 'exec tool create "$@" --password "$PASSWORD"'
    findings = check_commands(
        [job(["bash", "-c", script, *SCRIPT_ARGS])], SAMPLES, {"tool": tool_parse}
    )
    assert findings == [
        'Job/team/create-user container create: tool ["create", "--role", "Admin", "--password", '
        '"-starts-with-a-dash"]: tool create: error: argument -p/--password: expected one argument'
    ]


def test_the_attached_form_takes_any_value() -> None:
    script = 'exec tool create "$@" --password="$PASSWORD"'
    objects = [job(["bash", "-c", script, *SCRIPT_ARGS])]
    assert check_commands(objects, SAMPLES, {"tool": tool_parse}) == []
    calls = invocations(objects, SAMPLES, ["tool"])
    assert [c.argv[-1] for c in calls] == [
        "--password=plain",
        "--password=-starts-with-a-dash",
    ]


def test_only_the_programs_own_argument_lists_are_checked_when_given() -> None:
    script = 'exec tool create "$@" --password "$PASSWORD"'
    objects = [job(["bash", "-c", script, *SCRIPT_ARGS])]
    assert check_commands(objects, SAMPLES, {"tool": tool_parse}, given=[["other"]]) == []
    given = [["bash", "-c", script, *SCRIPT_ARGS]]
    assert len(check_commands(objects, SAMPLES, {"tool": tool_parse}, given=given)) == 1


def test_kubelet_expansion_replaces_defined_variables_only() -> None:
    env = {"A": "x", "B": "-y"}
    assert kubelet_expand("$(A)-$(B)", env) == "x--y"
    assert kubelet_expand("$(UNSET) $$(A) $A", env) == "$(UNSET) $(A) $A"


def test_commands_without_a_shell_are_expanded_by_the_kubelet() -> None:
    objects = [job(["tool", "create", "--role", "$(PASSWORD)"])]
    calls = invocations(objects, SAMPLES, ["tool"])
    assert [c.argv for c in calls][-1] == ("create", "--role", "-starts-with-a-dash")
    assert check_commands(objects, SAMPLES, {"tool": tool_parse}) == [
        'Job/team/create-user container create: tool ["create", "--role", "-starts-with-a-dash"]: '
        "tool create: error: argument --role: expected one argument"
    ]


def test_programs_without_a_parser_are_not_invoked() -> None:
    objects = [job(["bash", "-c", "exec other --flag"])]
    assert invocations(objects, SAMPLES, ["tool"]) == []


def test_password_samples_start_with_every_special_character_and_meet_minimums() -> None:
    inputs = {"length": 24, "special": True, "overrideSpecial": "-_.~", "minSpecial": 1}
    samples = password_samples(inputs)
    assert sorted(s[0] for s in samples) == sorted("Aa0-_.~")
    assert all(len(s) == 24 and any(c in "-_.~" for c in s) for s in samples)
    no_specials = password_samples({"length": 8, "special": False})
    assert [s[0] for s in no_specials] == ["A", "a", "0"]
    assert all(s.isalnum() for s in no_specials)


def test_arguments_without_a_variable_run_once() -> None:
    script = "exec tool create --role Admin"
    objects = [job(["bash", "-c", script])]
    calls = invocations(objects, SAMPLES, ["tool"])
    assert [c.argv for c in calls] == [("create", "--role", "Admin")]
