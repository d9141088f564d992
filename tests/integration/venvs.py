"""Consumer virtualenvs, created once and cached by the hash of their requirements file.

Each consumer runs with the library versions it has in production (SQLAlchemy 2.0 with psycopg2 as in
the official image, SQLAlchemy 2.1 with psycopg 3 as a plain install resolves, Airflow itself), which
cannot share one environment with each other or with the tools' venv.
"""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import subprocess
import sys
import venv
from pathlib import Path

from tests.integration.binaries import cache_root, unavailable

REQUIREMENTS = Path(__file__).parent / "requirements"


def _digest(requirements: Path) -> str:
    text = requirements.read_bytes() + sys.version.encode()
    return hashlib.sha256(text).hexdigest()[:16]


def cached_venv(name: str) -> Path:
    """The python of the venv for requirements/<name>.txt, built on first use (minutes)."""
    requirements = REQUIREMENTS / f"{name}.txt"
    target = cache_root() / "venvs" / f"{name}-{_digest(requirements)}"
    python = target / "bin" / "python"
    stamp = target / ".complete"
    if stamp.exists():
        return python
    target.parent.mkdir(parents=True, exist_ok=True)
    with (target.parent / f".{target.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two pytest runs never build one venv twice
        if stamp.exists():
            return python
        shutil.rmtree(target, ignore_errors=True)
        print(f"building the {name} venv in {target} (cached afterwards)", flush=True)
        venv.EnvBuilder(with_pip=True).create(target)
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        result = subprocess.run(
            [*pip, "-r", str(requirements)],
            capture_output=True,
            text=True,
            timeout=1800,
        )
        if result.returncode != 0:
            unavailable(f"could not install the {name} venv: {result.stderr[-1500:]}")
        stamp.write_text(requirements.read_text())
    return python
