"""One entry point that needs only python3: sets up ./venv, then plans or tests.

    python3 tools/dev.py plan [dev|prod]   # offline plan of a stack (default dev)
    python3 tools/dev.py test [pytest args] # the whole suite: unit tests and the integration tier
    python3 tools/dev.py unit [pytest args] # the unit tests only (seconds)
    python3 tools/dev.py integration [args] # the integration tier only: real servers (minutes)
    python3 tools/dev.py lint              # ruff (lint + format check) and mypy
    python3 tools/dev.py fetch-charts DIR  # the pinned chart packages from their official
                                           # repositories into DIR (AIRFLOW_PLATFORM_SHARED=DIR)

The virtualenv is the one Pulumi.yaml names, so `pulumi up` and the tools share it. It is
reinstalled only when a requirements file changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "venv"
REQUIREMENTS = [ROOT / "requirements.txt", ROOT / "requirements-dev.txt"]
STAMP = VENV / ".requirements.sha256"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv() -> Path:
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in REQUIREMENTS)).hexdigest()
    python = venv_python()
    if python.exists() and STAMP.exists() and STAMP.read_text().strip() == digest:
        return python
    if not python.exists():
        print(f"Creating virtualenv {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("Installing requirements-dev.txt ...", flush=True)
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            str(ROOT / "requirements-dev.txt"),
        ],
        check=True,
    )
    STAMP.write_text(digest + "\n")
    return python


def run(*args: str) -> int:
    return subprocess.run(list(args), cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "test"
    rest = argv[1:]
    python = str(ensure_venv())
    if command == "plan":
        return run(python, "tools/plan.py", *(rest or ["dev"]))
    if command == "test":
        return run(python, "-m", "pytest", *rest)
    if command == "unit":
        return run(python, "-m", "pytest", "-m", "not integration", *rest)
    if command == "integration":
        return run(python, "-m", "pytest", "-m", "integration", "tests/integration", *rest)
    if command == "fetch-charts":
        # Paths as the caller means them: the tool runs from the project root.
        paths = [a if a.startswith("-") else str(Path(a).resolve()) for a in rest]
        return run(python, "tools/fetch_charts.py", *paths)
    if command == "lint":
        for step in (
            [python, "-m", "ruff", "check", "."],
            [python, "-m", "ruff", "format", "--check", "."],
            [python, "-m", "mypy"],
        ):
            code = run(*step)
            if code:
                return code
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
