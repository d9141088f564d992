"""Redis as the chart runs it for the Celery broker: a password, nothing persisted; or as
ElastiCache serves prod's broker: TLS only (no plain port), an AUTH token, no client certificates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests.integration.processes import LOOPBACK, ServerProcess, free_port, give_to_server
from tests.integration.tls import KeyPair


@dataclass(frozen=True)
class RedisTls:
    """The server's certificate and key, and the CA file Redis is given (it verifies no client)."""

    pair: KeyPair
    ca_file: Path


@dataclass
class RedisServer:
    process: ServerProcess

    @property
    def port(self) -> int:
        return self.process.port

    def stop(self) -> None:
        self.process.stop()


def _tls_lines(port: int, tls: RedisTls) -> str:
    """The TLS port only; clients are not asked for a certificate (ElastiCache asks for none)."""
    return (
        f"port 0\ntls-port {port}\ntls-cert-file {tls.pair.cert}\ntls-key-file {tls.pair.key}\n"
        f"tls-ca-cert-file {tls.ca_file}\ntls-auth-clients no\n"
    )


def start_redis(
    program: Path,
    directory: Path,
    password: str,
    tls: RedisTls | None = None,
) -> RedisServer:
    directory.mkdir(mode=0o700)
    give_to_server(directory)
    port = free_port()
    conf = directory / "redis.conf"
    # The password in a config file (not argv, which `ps` shows); quoted as redis.conf wants.
    quoted = password.replace("\\", "\\\\").replace('"', '\\"')
    ports = f"port {port}\n" if tls is None else _tls_lines(port, tls)
    conf.write_text(
        f'bind {LOOPBACK}\n{ports}requirepass "{quoted}"\nsave ""\nappendonly no\ndir {directory}\n'
    )
    conf.chmod(0o600)
    give_to_server(conf)
    process = ServerProcess("redis", [program, conf], directory / "log", port)
    process.wait_until_listening()
    return RedisServer(process)
