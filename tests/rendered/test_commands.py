"""Every container command of each stack that runs a program the check can parse (Airflow's CLI,
the image's Python) parses with its arguments, for every value the program can generate: each
Secret key holding a generated password takes every hardest value its inputs allow
(offline/secret_samples.py, offline/stack_commands.py)."""

from __future__ import annotations

import warnings

from offline.stack_commands import CommandFindings
from offline.stack_render import StackRender
from tests.rendered.conftest import PROBE


def test_every_command_parses_for_every_generated_value(
    rendered: StackRender, command_findings: dict[str, CommandFindings]
) -> None:
    findings = command_findings[rendered.stack]
    rejected = [f for f in findings.rejected if PROBE not in f]
    assert rejected == [], "\n".join(rejected)
    for unchecked in findings.unchecked:  # said, never passed silently
        warnings.warn(unchecked, stacklevel=1)


def test_a_password_that_starts_with_a_dash_is_caught(
    rendered: StackRender, command_findings: dict[str, CommandFindings]
) -> None:
    """Not vacuous: the break-glass password may begin with '-' ("-_.~" are its specials), which
    Airflow's parser takes for an option when it is a word of its own (the PROBE Job)."""
    probe = [f for f in command_findings[rendered.stack].rejected if PROBE in f]
    assert probe, "the probe's command must be rejected"
    assert all("--password" in f for f in probe)
    assert any('"--password", "-' in f for f in probe), probe
