"""Server processes for the tier: unprivileged, on loopback, stopped by whoever started them."""

from __future__ import annotations

import contextlib
import os
import pwd
import socket
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

LOOPBACK = "127.0.0.1"
# PostgreSQL and PgBouncer refuse to run as root; CI runs the tier as root.
SERVER_USER = "nobody"


def server_uid() -> int | None:
    """The uid the servers run as: `nobody` when we are root, ourselves otherwise."""
    return pwd.getpwnam(SERVER_USER).pw_uid if os.geteuid() == 0 else None


def give_to_server(*paths: Path) -> None:
    uid = server_uid()
    if uid is None:
        return
    for path in paths:
        os.chown(path, uid, -1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


class ServerProcess:
    """One server in the foreground of a child process, its output in a log file."""

    def __init__(self, name: str, argv: Sequence[str | Path], log: Path, port: int) -> None:
        self.name = name
        self.port = port
        self.log = log
        handle = log.open("ab")
        uid = server_uid()
        self._process = subprocess.Popen(
            [str(a) for a in argv],
            stdout=handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            user=uid,
            start_new_session=True,
            # The servers' own children (PostgreSQL's backends) inherit only what they need.
            env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(log.parent)},
        )
        handle.close()

    @property
    def pid(self) -> int:
        return self._process.pid

    def wait_until_listening(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"{self.name} exited at start:\n{self.output()}")
            with contextlib.suppress(OSError), socket.create_connection((LOOPBACK, self.port), 0.2):
                return
            time.sleep(0.05)
        raise RuntimeError(f"{self.name} is not listening on {self.port}:\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def signal(self, signum: int) -> None:
        self._process.send_signal(signum)

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=5)
