"""PgBouncer run with the program's own pgbouncer.ini and users.txt.

Only what ties the files to the cluster is rewritten: the database host and port, the listen
address and port, and file paths. A setting this PgBouncer does not know (Debian's is 1.18, the
chart's image a newer one) is dropped, and the tier prints which: the unit tests still assert it.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from tests.integration.processes import LOOPBACK, ServerProcess, free_port, give_to_server
from tests.integration.tls import KeyPair

UNKNOWN = re.compile(r"unknown parameter: pgbouncer/(\w+)")


@dataclass
class PgBouncer:
    process: ServerProcess
    ini: str
    dropped: list[str] = field(default_factory=list)

    @property
    def port(self) -> int:
        return self.process.port

    def stop(self) -> None:
        self.process.stop()


def _rewrite_database(line: str, db_port: int) -> str:
    name, _, spec = line.partition("=")
    spec = re.sub(r"\bhost=\S+", f"host={LOOPBACK}", spec)
    spec = re.sub(r"\bport=\d+", f"port={db_port}", spec)
    return f"{name.rstrip()} ={spec}"


def rewrite_ini(
    ini: str, *, db_port: int, listen_port: int, auth_file: Path, client_tls: KeyPair
) -> str:
    """The program's ini with only the host, ports and file paths changed."""
    paths = {
        "auth_file": auth_file,
        "client_tls_cert_file": client_tls.cert,
        "client_tls_key_file": client_tls.key,
    }
    section = ""
    out: list[str] = []
    for line in ini.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            section = stripped
        key = stripped.partition("=")[0].strip()
        if section == "[databases]" and "=" in stripped and not stripped.startswith(";"):
            line = _rewrite_database(line, db_port)
        elif section == "[pgbouncer]" and key == "listen_port":
            line = f"listen_port = {listen_port}"
        elif section == "[pgbouncer]" and key == "listen_addr":
            line = f"listen_addr = {LOOPBACK}"
        elif section == "[pgbouncer]" and key in paths:
            line = f"{key} = {paths[key]}"
        out.append(line)
    return "\n".join(out) + "\n"


def drop_setting(ini: str, key: str) -> str:
    return (
        "\n".join(line for line in ini.splitlines() if line.partition("=")[0].strip() != key) + "\n"
    )


def pgbouncer_version(program: Path) -> str:
    return subprocess.run(
        [str(program), "--version"], check=True, capture_output=True, text=True
    ).stdout.splitlines()[0]


def start_pgbouncer(
    program: Path,
    directory: Path,
    *,
    ini: str,
    users: str,
    db_port: int,
    client_tls: KeyPair,
) -> PgBouncer:
    directory.mkdir(mode=0o700)
    give_to_server(directory)
    auth_file = directory / "users.txt"
    auth_file.write_text(users)
    auth_file.chmod(0o600)
    give_to_server(auth_file)
    port = free_port()
    config = rewrite_ini(
        ini, db_port=db_port, listen_port=port, auth_file=auth_file, client_tls=client_tls
    )
    dropped: list[str] = []
    for attempt in range(10):
        path = directory / "pgbouncer.ini"
        path.write_text(config)
        give_to_server(path)
        log = directory / f"log.{attempt}"
        process = ServerProcess("pgbouncer", [program, path], log, port)
        try:
            process.wait_until_listening()
            break
        except RuntimeError:
            process.stop()
            unknown = UNKNOWN.findall(log.read_text())
            if not unknown:
                raise
            for key in unknown:
                dropped.append(key)
                config = drop_setting(config, key)
    else:
        raise RuntimeError("PgBouncer would not start")
    if dropped:
        print(
            f"{pgbouncer_version(program)} lacks {', '.join(dropped)}: dropped from the "
            "generated pgbouncer.ini here (the unit tests assert them)",
            flush=True,
        )
    return PgBouncer(process, config, dropped)
