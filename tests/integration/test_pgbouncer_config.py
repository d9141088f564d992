"""PgBouncer runs the program's own pgbouncer.ini: compared setting by setting, only the host, ports
and file paths differ, and only settings newer than this PgBouncer are missing (printed)."""

from __future__ import annotations

import configparser

import pytest

from tests.integration.live import LiveDeployment

REWRITTEN = {
    "listen_port",
    "listen_addr",
    "auth_file",
    "client_tls_cert_file",
    "client_tls_key_file",
}
# Settings the chart's PgBouncer image (1.23) reads that Debian 12's 1.18 does not, with the version
# that introduced them; anything else dropped would be a weakened config.
NEWER_THAN_DEBIAN = {"max_prepared_statements": "1.21"}


def parsed(text: str) -> configparser.ConfigParser:
    ini = configparser.ConfigParser()
    ini.read_string(text)
    return ini


def test_generated_ini_runs_with_only_addresses_and_paths_changed(live: LiveDeployment) -> None:
    if live.pgbouncer is None:
        pytest.skip(f"{live.deployment.label} runs no PgBouncer")
    names = live.deployment.names
    generated = parsed(live.deployment.secret(names.pgbouncer_config)["pgbouncer.ini"])
    running = parsed(live.pgbouncer.ini)
    assert set(live.pgbouncer.dropped) <= set(NEWER_THAN_DEBIAN), live.pgbouncer.dropped
    for key, value in generated["pgbouncer"].items():
        if key in live.pgbouncer.dropped:
            assert key not in running["pgbouncer"]
        elif key not in REWRITTEN:
            assert running["pgbouncer"][key] == value, key
    for name, spec in generated["databases"].items():
        kept = [p for p in spec.split() if not p.startswith(("host=", "port="))]
        assert [p for p in running["databases"][name].split() if p in kept] == kept
