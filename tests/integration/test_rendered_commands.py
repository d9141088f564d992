"""The rendered commands of dev and prod (tests/rendered/test_commands.py) with Airflow's parser of
the image's Airflow (its venv has every provider the image has: `airflow celery worker` parses
only with the Celery provider, which the tests' venv lacks and so leaves unchecked)."""

from __future__ import annotations

import pytest

from offline.stack_commands import check_stack_commands
from tests.conftest import cached_run
from tests.integration.venvs import cached_venv
from tests.rendered.conftest import PROBE, cached_render, password_probe, skip_without_packages


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_every_command_parses_with_the_images_airflow(stack: str) -> None:
    skip_without_packages()
    python = str(cached_venv("airflow"))
    rendered = cached_render(stack)
    objects = [*rendered.objects, password_probe(rendered)]
    findings = check_stack_commands(objects, cached_run(stack), python)
    assert findings.unchecked == []
    rejected = [f for f in findings.rejected if PROBE not in f]
    assert rejected == [], "\n".join(rejected)
    assert any(PROBE in f for f in findings.rejected), "the probe's command must be rejected"
