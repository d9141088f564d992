"""A fernet key rotation as Airflow 3.2.2 reads it: the Secret the program writes at rotation 1
(`new,old`) makes Airflow decrypt what the previous key encrypted and encrypt with the new key."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from components.airflow.generated_secrets import fernet_key_from_base64
from tests.airflow.conftest import secret_data
from tests.conftest import cached_run
from tests.integration.consumers import PROBES
from tests.integration.venvs import cached_venv


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_airflow_reads_values_of_the_previous_key_after_a_rotation(
    stack: str, tmp_path: Path
) -> None:
    run = cached_run(stack, {"airflow-platform:secrets": {"rotation": {"fernetKey": 1}}})
    keys = secret_data(run, "fernet-key")["fernet-key"]
    previous = run.one("random:index/randomBytes:RandomBytes", "airflow-fernet-key")
    previous_key = fernet_key_from_base64(run.state(previous)["base64"])
    assert keys.endswith(f",{previous_key}")
    python = cached_venv("airflow")
    finished = subprocess.run(
        [str(python), str(PROBES / "fernet_rotation.py")],
        input=json.dumps({"previous": previous_key}),
        env={
            "PATH": f"{python.parent}:/usr/bin:/bin",
            "HOME": str(tmp_path),
            "AIRFLOW_HOME": str(tmp_path),
            "AIRFLOW__CORE__FERNET_KEY": keys,
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stderr[-4000:]
    result = json.loads(finished.stdout.strip().splitlines()[-1])
    assert result == {
        "old_value_read": "connection password",
        "new_value_under_first_key": "new value",
        "encrypting": True,
    }
