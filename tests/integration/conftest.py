"""Fixtures of the integration tier: real servers on loopback, configured from program runs.

Every test here is marked `integration` (run with `python3 tools/dev.py integration`, or with the
unit suite by `python3 tools/dev.py test`). The servers start once per session in a temporary
directory and stop by themselves; each deployment (dev/prod, generated/crafted passwords) gets a
fresh `airflow` database, its own PgBouncer and Redis.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.integration.binaries import debian_program, postgres_bin, unavailable
from tests.integration.deployments import Deployment, deployment
from tests.integration.pgbouncer_server import PgBouncer, start_pgbouncer
from tests.integration.postgres_server import PostgresServer, start_postgres
from tests.integration.processes import LOOPBACK, server_uid
from tests.integration.redis_server import RedisServer, start_redis
from tests.integration.tls import TestAuthority

SCENARIOS = [("dev", "generated"), ("prod", "generated"), ("dev", "crafted"), ("prod", "crafted")]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def workspace() -> Iterator[Path]:
    # Not pytest's tmp_path: that is private to root, and the servers run as `nobody`.
    directory = Path(tempfile.mkdtemp(prefix="airflow-platform-it-"))
    directory.chmod(0o711)
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def authority(workspace: Path) -> TestAuthority:
    directory = workspace / "tls"
    directory.mkdir(mode=0o755)
    return TestAuthority(directory)


@pytest.fixture(scope="session")
def postgres(workspace: Path, authority: TestAuthority) -> Iterator[PostgresServer]:
    bindir = postgres_bin()
    try:
        server = start_postgres(bindir, workspace / "postgres", authority)
    except Exception as error:  # a server that cannot start: fail in CI, skip elsewhere
        unavailable(f"PostgreSQL would not start: {error}")
    print(f"integration tier: {server.version} with TLS forced on port {server.port}")
    yield server
    server.stop()


@dataclass
class LiveDeployment:
    """A deployment's data path, running: its URLs retargeted at the local servers."""

    deployment: Deployment
    postgres: PostgresServer
    pgbouncer: PgBouncer | None
    redis: RedisServer | None
    targets: dict[tuple[str, int], int]

    @property
    def pooler_keeps_prepared_statements(self) -> bool:
        """PgBouncer (1.21+) tracks protocol-level prepared statements across its transaction pool
        only with max_prepared_statements set; without PgBouncer, PostgreSQL keeps them anyway."""
        return self.pgbouncer is None or "max_prepared_statements" in self.pgbouncer.ini

    def local(self, url: str) -> str:
        """The URL with its host:port (after the last '@') pointed at the local server."""
        head, _, tail = url.rpartition("@")
        hostport, slash, rest = tail.partition("/")
        host, _, port = hostport.rpartition(":")
        local_port = self.targets[(host, int(port))]
        return f"{head}@{LOOPBACK}:{local_port}{slash}{rest}"


def _host_port(url: str) -> tuple[str, int]:
    hostport = url.rpartition("@")[2].partition("/")[0]
    host, _, port = hostport.rpartition(":")
    return host, int(port)


@pytest.fixture(scope="session", params=SCENARIOS, ids=["-".join(s) for s in SCENARIOS])
def live(
    request: pytest.FixtureRequest,
    postgres: PostgresServer,
    workspace: Path,
    authority: TestAuthority,
) -> Iterator[LiveDeployment]:
    stack, passwords = request.param
    found = deployment(stack, passwords)
    rds = found.rds
    postgres.drop_database(rds["dbName"])
    postgres.set_master(rds["username"], rds["password"], rds["dbName"])
    targets = {(found.rds_address, int(rds["port"])): postgres.port}
    directory = workspace / found.label
    directory.mkdir(mode=0o711)
    bouncer = redis = None
    names = found.names
    try:
        if found.has_secret(names.pgbouncer_config):
            config = found.secret(names.pgbouncer_config)
            bouncer = start_pgbouncer(
                debian_program("pgbouncer", "pgbouncer"),
                directory / "pgbouncer",
                ini=config["pgbouncer.ini"],
                users=config["users.txt"],
                db_port=postgres.port,
                client_tls=authority.server_pair(f"pgbouncer-{found.label}", owner=server_uid()),
            )
            for url in (
                found.secret(names.metadata)["connection"],
                found.secret(names.pgbouncer_stats)["connection"],
            ):
                targets[_host_port(url)] = bouncer.port
        if found.has_secret(names.broker_url):
            redis = start_redis(
                debian_program("redis-server", "redis-server"),
                directory / "redis",
                found.secret(names.redis_password)["password"],
            )
            targets[_host_port(found.secret(names.broker_url)["connection"])] = redis.port
    except RuntimeError as error:
        unavailable(f"a server of {found.label} would not start: {error}")
    live = LiveDeployment(found, postgres, bouncer, redis, targets)
    yield live
    for server in (bouncer, redis):
        if server is not None:
            server.stop()
