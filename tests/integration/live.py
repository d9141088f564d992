"""A deployment's data path while its servers run: the program's URLs pointed at them."""

from __future__ import annotations

from dataclasses import dataclass

from tests.integration.deployments import Deployment
from tests.integration.pgbouncer_server import PgBouncer
from tests.integration.postgres_server import PostgresServer
from tests.integration.processes import LOOPBACK
from tests.integration.redis_server import RedisServer


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

    def retarget(self, value: str) -> str:
        """A Secret value: a URL of one of the servers pointed at it locally, anything else as is."""
        if "://" in value and "@" in value:
            try:
                return self.local(value)
            except (KeyError, ValueError):
                return value
        return value

    def local(self, url: str) -> str:
        """The URL with its host:port (after the last '@') pointed at the local server."""
        head, _, tail = url.rpartition("@")
        hostport, slash, rest = tail.partition("/")
        host, _, port = hostport.rpartition(":")
        local_port = self.targets[(host, int(port))]
        return f"{head}@{LOOPBACK}:{local_port}{slash}{rest}"


def host_port(url: str) -> tuple[str, int]:
    hostport = url.rpartition("@")[2].partition("/")[0]
    host, _, port = hostport.rpartition(":")
    return host, int(port)
