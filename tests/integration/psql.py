"""psql as the program's database-roles Job runs it: one script, one transaction, stop on error."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from tests.integration.binaries import debian_program
from tests.integration.processes import LOOPBACK

# The Job's psql options (components/airflow/database_roles.py): no ~/.psqlrc, stop at the
# first error, all of the script or none of it.
PSQL_OPTIONS = ("-X", "-v", "ON_ERROR_STOP=1", "--single-transaction")


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
