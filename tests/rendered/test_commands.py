"""Every container command of each stack that runs a program the check can parse (Airflow's CLI,
the image's Python) parses with its arguments, for every value the program can generate: each
Secret key holding a generated password takes every hardest value its inputs allow
(offline/secret_samples.py, offline/stack_commands.py)."""

from __future__ import annotations

import copy
import warnings
from typing import Any

from offline.stack_commands import CommandFindings, check_stack_commands
from offline.stack_render import StackRender
from tests.conftest import cached_run
from tests.rendered.conftest import cached_render, skip_without_packages


def test_every_command_parses_for_every_generated_value(
    rendered: StackRender, command_findings: dict[str, CommandFindings]
) -> None:
    findings = command_findings[rendered.stack]
    assert findings.rejected == [], "\n".join(findings.rejected)
    for unchecked in findings.unchecked:  # said, never passed silently
        warnings.warn(unchecked, stacklevel=1)


def with_password_argument(rendered: StackRender) -> StackRender:
    """The break-glass Job as `airflow users create` with the password as a separate word."""
    release = copy.deepcopy(rendered.releases["airflow"])
    job = next(o for o in release if o["kind"] == "Job" and "create-user" in o["metadata"]["name"])
    container: dict[str, Any] = job["spec"]["template"]["spec"]["containers"][0]
    container["args"] = [
        "bash",
        "-c",
        "exec airflow users create --role Admin --username admin --email a@b.c "
        '--firstname A --lastname B --password "$AIRFLOW_PLATFORM_BREAK_GLASS_PASSWORD"',
    ]
    return StackRender(
        rendered.stack,
        {**rendered.releases, "airflow": release},
        rendered.program_objects,
        rendered.prerequisites,
    )


def test_a_password_that_starts_with_a_dash_is_caught() -> None:
    """Not vacuous: the break-glass password may begin with '-' ("-_.~" are its specials), which
    Airflow's parser takes for an option when it is a word of its own. One stack: Airflow's
    parser takes seconds to build."""
    skip_without_packages()
    rendered = cached_render("dev")
    findings = check_stack_commands(with_password_argument(rendered), cached_run("dev"))
    assert any(
        "Job/airflow/airflow-create-user" in f and "--password" in f and '"-' in f
        for f in findings.rejected
    ), findings.rejected
