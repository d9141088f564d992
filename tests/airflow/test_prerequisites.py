"""components/airflow/prerequisites.py: Secrets the stack names but does not create are read at
preview; a missing one fails there, naming its config key, namespace and name."""

from __future__ import annotations

import pytest

from components.airflow.prerequisites import required_secrets
from tests.airflow.conftest import airflow_settings, release
from tests.conftest import ProgramRun, World, cached_run, execute_program

GIT_SYNC = {
    "airflow-platform:airflow": {
        "dags": {
            "gitSync": {
                "repository": "https://github.com/acme/dags.git",
                "credentialsSecret": "git-credentials",
            }
        },
        "connections": [{"connId": "warehouse", "secretName": "warehouse-conn"}],
    }
}


def test_prod_reads_the_oidc_client_secret_and_the_release_waits_for_it(
    prod_run: ProgramRun,
) -> None:
    (read,) = prod_run.reads
    assert (read.type, read.id) == ("kubernetes:core/v1:Secret", "airflow/airflow-oidc")
    assert read.name == "airflow-platform:airflow.auth.oidc.clientSecret.secretName"
    assert read.urn in release(prod_run).dependencies


def test_dev_without_prerequisites_reads_nothing(dev_run: ProgramRun) -> None:
    assert dev_run.reads == []


def test_every_named_secret_is_read_once() -> None:
    run = cached_run("dev", GIT_SYNC)
    assert {(r.name, r.id) for r in run.reads} == {
        ("airflow-platform:airflow.dags.gitSync.credentialsSecret", "airflow/git-credentials"),
        ("airflow-platform:airflow.connections[0].secretName", "airflow/warehouse-conn"),
    }


@pytest.mark.parametrize(
    ("stack", "overrides", "missing", "key"),
    [
        ("dev", GIT_SYNC, "airflow/git-credentials", "airflow.dags.gitSync.credentialsSecret"),
        ("dev", GIT_SYNC, "airflow/warehouse-conn", "airflow.connections[0].secretName"),
        ("prod", {}, "airflow/airflow-oidc", "airflow.auth.oidc.clientSecret.secretName"),
    ],
)
def test_a_missing_secret_fails_the_preview_naming_key_namespace_and_name(
    stack: str, overrides: dict, missing: str, key: str
) -> None:
    execution = execute_program(
        stack, overrides, preview=True, world=World(missing_secrets=frozenset({missing}))
    )
    message = str(execution.error)
    assert f"airflow-platform:{key}" in message and f'"{missing}"' in message, message


def test_required_secrets_names_full_keys() -> None:
    settings = airflow_settings(**{"airflow.connections": [{"connId": "a", "secretName": "s"}]})
    assert ("airflow-platform:airflow.connections[0].secretName", "s") in required_secrets(settings)
