"""Class 2: names too long for the objects derived from them (components/settings/names.py)."""

from __future__ import annotations

import pytest

from components.settings.names import RELEASE_NAME_MAX
from offline.runner import ProgramRun
from tests.airflow.conftest import rendered
from tests.settings.bad_input import assert_clear, one_error, section

# Kubernetes' limits on a name, by kind: a Service is a DNS label, a Job's name is also its pods'
# `job-name` label value, a StatefulSet's name plus 11 is its pods' `controller-revision-hash`.
_NAME_LIMITS = {"Service": 63, "Job": 63, "CronJob": 52, "StatefulSet": 52}
HELM_RELEASE_NAME_MAX = 53

CASES = [
    ("a" * 41, "at most 40 characters (41 given)"),
    ("airflow-" + "x" * 46, "at most 40 characters (54 given)"),
    ("data-platform-production-airflow-eu-west-1", "which Kubernetes limits to 63"),
]


@pytest.mark.parametrize(("name", "rule"), CASES, ids=[str(len(c[0])) for c in CASES])
def test_a_release_name_too_long_for_its_objects_is_one_clear_error(name: str, rule: str) -> None:
    line = one_error("dev", section("airflow", releaseName=name))
    assert_clear(line, "airflow.releaseName", name, rule)


def test_the_limit_is_what_the_pinned_chart_s_longest_names_allow(prod_run: ProgramRun) -> None:
    """Re-derived from a render: every object named <release>-<suffix> must fit its kind's limit."""
    release = "airflow"
    allowed = HELM_RELEASE_NAME_MAX
    for obj in rendered(prod_run):
        name = obj["metadata"]["name"]
        if name.startswith(release):
            suffix = len(name) - len(release)
            allowed = min(allowed, _NAME_LIMITS.get(obj["kind"], 253) - suffix)
    assert allowed == RELEASE_NAME_MAX
