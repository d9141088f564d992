"""components/airflow/prerequisites.py: Secrets the stack names but does not create are read at
preview; a missing one fails there, naming its config key, namespace and name."""

from __future__ import annotations

import pytest

from components.airflow.prerequisites import Prerequisite, missing_keys, required_secrets
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


def test_required_secrets_name_full_keys_and_the_keys_read() -> None:
    settings = airflow_settings(**{"airflow.connections": [{"connId": "a", "secretName": "s"}]})
    assert required_secrets(settings) == [
        Prerequisite(
            "airflow-platform:airflow.connections[0].secretName",
            "s",
            ("uri",),
            "airflow-platform:airflow.connections[0].secretKey",
        )
    ]


@pytest.mark.parametrize(
    ("stack", "overrides", "secret", "keys", "message"),
    [
        ("prod", {}, "airflow/airflow-oidc", ("clientSecret",),
         "airflow-platform:airflow.auth.oidc.clientSecret.key: Secret airflow/airflow-oidc has no "
         "key 'client-secret'; its keys: clientSecret"),
        ("dev", GIT_SYNC, "airflow/git-credentials", ("GITSYNC_USERNAME",),
         "airflow-platform:airflow.dags.gitSync.credentialsSecret: Secret airflow/git-credentials "
         "has no key 'GITSYNC_PASSWORD'; its keys: GITSYNC_USERNAME"),
    ],
)  # fmt: skip
def test_a_secret_without_the_key_the_pods_read_fails_the_preview(
    stack: str, overrides: dict, secret: str, keys: tuple[str, ...], message: str
) -> None:
    execution = execute_program(
        stack, overrides, preview=True, world=World(secret_keys={secret: keys})
    )
    assert str(execution.error) == message


def test_secrets_with_their_keys_pass() -> None:
    world = World(secret_keys={"airflow/airflow-oidc": ("client-secret", "other")})
    assert len(cached_run("prod", world=world).reads) == 1


def test_only_key_names_are_judged_and_a_read_without_data_is_not() -> None:
    oidc = Prerequisite("k", "airflow-oidc", ("client-secret",), "airflow-platform:x.key")
    assert missing_keys(oidc, "airflow", None) is None
    assert missing_keys(oidc, "airflow", {"client-secret": "c2VjcmV0"}) is None
    problem = missing_keys(oidc, "airflow", {"token": "c2VjcmV0"})
    assert problem == (
        "airflow-platform:x.key: Secret airflow/airflow-oidc has no key 'client-secret'; "
        "its keys: token"
    )
    assert "c2VjcmV0" not in problem
