"""Prod's Celery broker URL, made by the program's own `managed_broker_url` from the AUTH token its
RandomPassword yields (as generated, and crafted with every allowed special character, first and
last), against a real Redis that serves only TLS and requires that token, as ElastiCache does.
Celery in the Airflow venv sends and receives through it; a server whose certificate the trusted CA
did not sign is refused, so verification is really on.

The program's URL trusts the system store (Amazon's public CAs sign ElastiCache's certificates);
here SSL_CERT_FILE, OpenSSL's override of that store, holds the tier's test CA instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from components.broker import TOKEN_LENGTH, TOKEN_SPECIALS, managed_broker_url
from tests.integration.binaries import debian_program
from tests.integration.consumers import run_probe
from tests.integration.deployments import deployment
from tests.integration.processes import LOOPBACK, server_uid
from tests.integration.redis_server import RedisServer, RedisTls, start_redis
from tests.integration.tls import TestAuthority

TOKEN = "random:index/randomPassword:RandomPassword"
VENV = "airflow"
TOKENS = ["generated", "crafted"]


def broker_token(passwords: str) -> str:
    prod = deployment("prod", passwords)
    return str(prod.run.state(prod.run.one(TOKEN, "broker-auth-token"))["result"])


def start_tls_redis(directory: Path, ca: TestAuthority, name: str, token: str) -> RedisServer:
    pair = ca.server_pair(name, owner=server_uid())
    return start_redis(
        debian_program("redis-server", "redis-server"), directory, token, RedisTls(pair, ca.ca_file)
    )


def celery(url: str, trusted: TestAuthority) -> dict[str, Any]:
    found = run_probe(
        VENV, "tls_broker", {"broker": url}, env={"SSL_CERT_FILE": str(trusted.ca_file)}
    )
    assert isinstance(found, dict)
    return found


@pytest.fixture(scope="module")
def impostor(workspace: Path) -> TestAuthority:
    """Another CA, even of the same name as the trusted one: only its key differs."""
    directory = workspace / "tls-impostor"
    directory.mkdir(mode=0o755)
    return TestAuthority(directory)


@pytest.fixture(scope="module")
def servers(
    workspace: Path, authority: TestAuthority, impostor: TestAuthority
) -> Iterator[dict[str, tuple[str, RedisServer]]]:
    """passwords -> (token, its TLS Redis); "impostor" serves the impostor CA's certificate."""
    started: dict[str, tuple[str, RedisServer]] = {}
    try:
        for passwords in TOKENS:
            token = broker_token(passwords)
            directory = workspace / f"tls-redis-{passwords}"
            started[passwords] = token, start_tls_redis(directory, authority, directory.name, token)
        token = started["generated"][0]
        directory = workspace / "tls-redis-impostor"
        started["impostor"] = token, start_tls_redis(directory, impostor, directory.name, token)
        yield started
    finally:
        for _, server in started.values():
            server.stop()


def test_the_tokens_are_the_programs(servers: dict[str, tuple[str, RedisServer]]) -> None:
    generated, crafted = servers["generated"][0], servers["crafted"][0]
    assert len(generated) == TOKEN_LENGTH
    assert crafted[0] in TOKEN_SPECIALS and crafted[-1] in TOKEN_SPECIALS
    assert set(TOKEN_SPECIALS) <= set(crafted)  # '#' included: it would end a URL's authority


@pytest.mark.parametrize("passwords", TOKENS)
def test_celery_sends_and_receives_over_verified_tls_with_the_token(
    servers: dict[str, tuple[str, RedisServer]], authority: TestAuthority, passwords: str
) -> None:
    token, server = servers[passwords]
    found = celery(managed_broker_url(token, LOOPBACK, server.port), authority)
    assert found == {
        "cert_reqs": "CERT_REQUIRED",
        "tls_connection": True,
        "message": {"hello": "broker"},
        "ran": [0, 1, 2, 3, 4],
        "refused": None,
    }


def test_another_token_is_refused(
    servers: dict[str, tuple[str, RedisServer]], authority: TestAuthority
) -> None:
    token, server = servers["generated"]
    found = celery(managed_broker_url(token[1:] + token[0], LOOPBACK, server.port), authority)
    assert found["refused"] and "invalid username-password pair" in found["refused"].lower()


def test_a_certificate_the_trusted_ca_did_not_sign_is_refused(
    servers: dict[str, tuple[str, RedisServer]],
    authority: TestAuthority,
    impostor: TestAuthority,
) -> None:
    token, server = servers["impostor"]
    url = managed_broker_url(token, LOOPBACK, server.port)
    refused = celery(url, authority)["refused"]
    assert refused and "CERTIFICATE_VERIFY_FAILED" in refused
    # The same server, trusted through its own CA, is fine: the CA alone made the difference.
    assert celery(url, impostor)["refused"] is None
