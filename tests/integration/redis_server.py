"""Redis as the chart runs it for the Celery broker: a password, nothing persisted."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests.integration.processes import LOOPBACK, ServerProcess, free_port, give_to_server


@dataclass
class RedisServer:
    process: ServerProcess

    @property
    def port(self) -> int:
        return self.process.port

    def stop(self) -> None:
        self.process.stop()


def start_redis(program: Path, directory: Path, password: str) -> RedisServer:
    directory.mkdir(mode=0o700)
    give_to_server(directory)
    port = free_port()
    conf = directory / "redis.conf"
    # The password in a config file (not argv, which `ps` shows); quoted as redis.conf wants.
    quoted = password.replace("\\", "\\\\").replace('"', '\\"')
    conf.write_text(
        f'bind {LOOPBACK}\nport {port}\nrequirepass "{quoted}"\nsave ""\nappendonly no\n'
        f"dir {directory}\n"
    )
    conf.chmod(0o600)
    give_to_server(conf)
    process = ServerProcess("redis", [program, conf], directory / "log", port)
    process.wait_until_listening()
    return RedisServer(process)
