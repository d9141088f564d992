"""Airflow's own command-line parser, as the image's `airflow` would build it from an airflow.cfg.

It runs in a subprocess with a throwaway AIRFLOW_HOME: importing Airflow reads and writes its
home and configures logging, none of which may leak into the caller. `start` returns at once so
the parser (seconds to import) builds while the caller does other work.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

# Parses each argv (program name excluded) with the real parser; prints one error or null each.
_PARSE_SCRIPT = """
import contextlib, io, json, sys
from airflow.cli import cli_parser
parser = cli_parser.get_parser()
results = []
for argv in json.load(sys.stdin):
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            parser.parse_args(argv)
        results.append(None)
    except SystemExit:
        lines = err.getvalue().strip().splitlines()
        results.append(lines[-1] if lines else "rejected")
print(json.dumps(results))
"""


def start(
    airflow_cfg: str, argvs: list[list[str]], python: str | None = None
) -> Callable[[], list[str | None]]:
    """Start parsing `argvs` with the parser `airflow_cfg` configures, in the Airflow of `python`
    (default: this venv's); call the result to wait.

    Each answer is None when Airflow accepts the argv, else its error message."""
    home = tempfile.TemporaryDirectory(prefix="airflow-home-")
    Path(home.name, "airflow.cfg").write_text(airflow_cfg)
    process = subprocess.Popen(
        [python or sys.executable, "-c", _PARSE_SCRIPT],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={
            "AIRFLOW_HOME": home.name,
            "HOME": home.name,
            "PATH": "/usr/bin:/bin",
            # Importing Airflow imports the configured secrets backend and remote task-log
            # handler (Secrets Manager, S3: a provider the tests' venv may lack). Both serve at
            # run time and add nothing to the command grammar.
            "AIRFLOW__SECRETS__BACKEND": "",
            "AIRFLOW__LOGGING__REMOTE_LOGGING": "False",
            # Airflow as a library: no ORM, logging or plugin set-up at import (a quarter of the
            # parser's start-up), none of which the grammar reads.
            "_AIRFLOW__AS_LIBRARY": "1",
        },
    )

    def wait() -> list[str | None]:
        try:
            out, err = process.communicate(json.dumps(argvs), timeout=120)
        finally:
            home.cleanup()
        if process.returncode != 0:
            raise RuntimeError(f"Airflow's parser failed to start: {err.strip()[-2000:]}")
        answers: list[str | None] = json.loads(out.strip().splitlines()[-1])
        return answers

    return wait


def parse(airflow_cfg: str, argvs: list[list[str]], python: str | None = None) -> list[str | None]:
    return start(airflow_cfg, argvs, python)()
