"""Class 7: values a user reasonably writes and means are normalised (components/settings/
quantities.py, the engine version); booleans are only booleans.

Values arrive as the Pulumi CLI passes them: a structured key is JSON, so `multiAz: "yes"` is the
string "yes" and `engineVersion: 17` the number 17 (offline.runner encodes them the same way).
"""

from __future__ import annotations

from typing import Any

import pytest

from components.settings import parse_settings
from tests.settings.bad_input import assert_clear, one_error, section
from tests.settings.stacks import VALID_DEV, with_changes

REFUSED = [
    (section("database", multiAz="yes"), "database.multiAz", "yes", "true or false"),
    (section("database", multiAz="true"), "database.multiAz", "true", "YAML boolean"),
    (section("airflow", pgbouncer=1), "airflow.pgbouncer", 1, "true or false"),
    (section("storage", protect="no"), "storage.protect", "no", "true or false"),
    (section("database", engineVersion="17.5"), "database.engineVersion", "17.5",
     "a major version only"),
    (section("database", engineVersion=16.4), "database.engineVersion", 16.4,
     "a major version only"),
    (section("airflow", logsSize="20GB"), "airflow.logsSize", "20GB",
     "in a unit Kubernetes accepts"),
    (section("airflow", logsSize="0.5Mi"), "airflow.logsSize", "0.5Mi", "at least 1Mi"),
    (section("keda", resources={"cpu": "50Mi", "memory": "128Mi", "memoryLimit": "512Mi"}),
     "keda.resources.cpu", "50Mi", "cores (e.g. 1 or 0.5) or millicores"),
    (section("keda", resources={"cpu": "0", "memory": "128Mi", "memoryLimit": "512Mi"}),
     "keda.resources.cpu", "0", "at least 1m"),
]  # fmt: skip


@pytest.mark.parametrize(("edit", "key", "value", "rule"), REFUSED, ids=[c[1] for c in REFUSED])
def test_a_value_that_means_nothing_certain_is_one_clear_error(
    edit: dict[str, Any], key: str, value: Any, rule: str
) -> None:
    assert_clear(one_error("dev", edit), key, value, rule)


NORMALISED = [
    ("database.engineVersion", 17, "17", lambda s: s.database.engine_version),
    ("database.engineVersion", 16.0, "16", lambda s: s.database.engine_version),
    ("airflow.logsSize", "20G", "19074Mi", lambda s: s.airflow.logs_size),
    ("airflow.logsSize", "1.5Gi", "1536Mi", lambda s: s.airflow.logs_size),
    ("airflow.logsSize", 21474836480, "20Gi", lambda s: s.airflow.logs_size),
    ("airflow.logsSize", "2e10", "19074Mi", lambda s: s.airflow.logs_size),
    ("airflow.logsSize", "1Ti", "1Ti", lambda s: s.airflow.logs_size),
    ("airflow.resources.scheduler.cpu", "0.5", "500m", lambda s: s.airflow.resources.scheduler.cpu),
    ("airflow.resources.scheduler.cpu", 2, "2", lambda s: s.airflow.resources.scheduler.cpu),
    ("airflow.resources.scheduler.cpu", "1.25", "1250m",
     lambda s: s.airflow.resources.scheduler.cpu),
    ("airflow.resources.scheduler.memory", "512M", "489Mi",
     lambda s: s.airflow.resources.scheduler.memory),
    ("airflow.resources.scheduler.memory", "1G", "954Mi",
     lambda s: s.airflow.resources.scheduler.memory),
    ("airflow.resources.scheduler.memory", "2048Mi", "2048Mi",
     lambda s: s.airflow.resources.scheduler.memory),
]  # fmt: skip


@pytest.mark.parametrize(
    ("key", "written", "kept", "read"), NORMALISED, ids=[f"{c[0]}={c[1]}" for c in NORMALISED]
)
def test_a_value_in_another_accepted_form_is_normalised(
    key: str, written: Any, kept: str, read: Any
) -> None:
    assert read(parse_settings(with_changes(VALID_DEV, **{key: written}))) == kept


def test_a_normalised_size_reaches_the_claim() -> None:
    from tests.conftest import cached_run

    run = cached_run("dev", section("airflow", logsSize="20G"))
    values = run.one("kubernetes:helm.sh/v3:Release", "airflow-release").inputs["values"]
    assert values["logs"]["persistence"]["size"] == "19074Mi"
