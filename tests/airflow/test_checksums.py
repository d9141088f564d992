"""components/airflow/checksums.py: PgBouncer rolls when the Secrets it reads at start change."""

from __future__ import annotations

import json

from components.airflow.checksums import ANNOTATION, checksum_values, digest
from tests.airflow.conftest import secret_data, values
from tests.conftest import ProgramRun, cached_run


def test_the_digest_follows_every_key_and_value() -> None:
    config = {"pgbouncer.ini": "pool_size = 20", "users.txt": '"airflow" "one"'}
    assert digest([config]) == digest([dict(reversed(list(config.items())))])
    assert digest([config]) != digest([{**config, "users.txt": '"airflow" "two"'}])
    assert digest([config, {}]) != digest([config])
    assert checksum_values({"pgbouncer": "abc"}) == {
        "pgbouncer": {"podAnnotations": {ANNOTATION: "abc"}}
    }


def test_pgbouncer_carries_the_digest_of_its_secrets_in_plain_values(prod_run: ProgramRun) -> None:
    config = secret_data(prod_run, "pgbouncer-config")
    stats = secret_data(prod_run, "pgbouncer-stats")
    annotations = values(prod_run)["pgbouncer"]["podAnnotations"]
    assert annotations == {ANNOTATION: digest([config, stats])}
    release = prod_run.one("kubernetes:helm.sh/v3:Release", "airflow-release")
    assert release.redacted_inputs["values"]["pgbouncer"]["podAnnotations"] == annotations
    assert "users.txt" not in json.dumps(values(prod_run))


def test_a_pool_size_change_changes_the_digest() -> None:
    resized = cached_run("prod", {"airflow-platform:airflow": {"pgbouncerPoolSize": 21}})
    before = values(cached_run("prod"))["pgbouncer"]["podAnnotations"][ANNOTATION]
    assert values(resized)["pgbouncer"]["podAnnotations"][ANNOTATION] != before


def test_nothing_without_pgbouncer(dev_run: ProgramRun) -> None:
    assert ANNOTATION not in json.dumps(values(dev_run))
