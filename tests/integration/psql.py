"""psql as the program's database-roles Jobs run it (components/airflow/psql_job.py): its options
(one script, one transaction, stop at the first error), over TLS."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from components.airflow.psql_job import PSQL_OPTIONS
from tests.integration.binaries import debian_program
from tests.integration.processes import LOOPBACK


def run_script(
    script: str, *, port: int, user: str, password: str, database: str
) -> subprocess.CompletedProcess[str]:
    """The script run by psql over TLS on the local server; the result (not checked)."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "script.sql"
        path.write_text(script)
        return subprocess.run(
            [str(debian_program("psql", "postgresql-client")), *PSQL_OPTIONS, "-f", str(path)],
            env={
                "PATH": "/usr/bin:/bin",
                "PGHOST": LOOPBACK,
                "PGPORT": str(port),
                "PGUSER": user,
                "PGPASSWORD": password,
                "PGDATABASE": database,
                "PGSSLMODE": "require",
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
