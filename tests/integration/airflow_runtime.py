"""Runs Airflow's containers as the chart renders them, with the Airflow venv instead of the image.

A container's command line and environment come from the rendered manifest; Secret references are
resolved from the program's Secrets (URLs retargeted at the local servers), and the chart's
ConfigMap becomes AIRFLOW_HOME/airflow.cfg. Only the image's fixed paths change: /opt/airflow
becomes a temporary AIRFLOW_HOME.
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.integration import chart
from tests.integration.live import LiveDeployment
from tests.integration.venvs import cached_venv

IMAGE_HOME = "/opt/airflow"
PROBES = Path(__file__).parent / "probes"
CONFIG_MOUNTS = {"airflow.cfg": "airflow.cfg", "airflow_local_settings.py": "config"}


@dataclass
class Finished:
    returncode: int
    stdout: str
    stderr: str
    seconds: float


class AirflowRuntime:
    def __init__(self, live: LiveDeployment, home: Path) -> None:
        self.live = live
        self.home = home
        self._warned = False
        self.python = cached_venv("airflow")
        deployment = live.deployment
        self.docs = chart.manifests(deployment.values, deployment.release_name, "airflow")
        configmap = chart.one(self.docs, "ConfigMap", f"{deployment.release_name}-config")
        home.mkdir(parents=True, exist_ok=True)
        for key, folder in CONFIG_MOUNTS.items():
            if key in configmap["data"]:
                target = home / folder / key if folder != key else home / key
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(configmap["data"][key].replace(IMAGE_HOME, str(home)))

    def workload(self, kind: str, component: str) -> dict[str, Any]:
        return chart.one(self.docs, kind, f"{self.live.deployment.release_name}-{component}")

    def environment(self, container: dict[str, Any]) -> dict[str, str]:
        env = {
            "PATH": f"{self.python.parent}:/usr/bin:/bin",
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
        }
        for entry in container.get("env") or []:
            if "value" in entry:
                env[entry["name"]] = str(entry["value"]).replace(IMAGE_HOME, str(self.home))
                continue
            ref = entry["valueFrom"]["secretKeyRef"]
            if not self.live.deployment.has_secret(ref["name"]):
                # A Secret the operator provides (e.g. the OIDC client secret): a stand-in value.
                env[entry["name"]] = f"stand-in for {ref['name']}/{ref['key']}"
                continue
            value = self.live.deployment.secret(ref["name"])[ref["key"]]
            env[entry["name"]] = self.live.retarget(value)
        return {**env, **self._old_pgbouncer_env()}

    def _old_pgbouncer_env(self) -> dict[str, str]:
        """With a PgBouncer that keeps no prepared statements (1.18 here; prod's keeps them), Airflow's
        psycopg 3 and asyncpg must not prepare: printed, since it is not the rendered env."""
        if self.live.pooler_keeps_prepared_statements:
            return {}
        if not self._warned:
            print(
                f"{self.live.deployment.label}: PgBouncer here keeps no prepared statements: "
                "Airflow runs with them off (SQL_ALCHEMY_CONNECT_ARGS[_ASYNC])"
            )
            self._warned = True
        return {
            "PYTHONPATH": str(PROBES),
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONNECT_ARGS": "old_pgbouncer_connect_args.SYNC",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONNECT_ARGS_ASYNC": "old_pgbouncer_connect_args.ASYNC",
        }

    def run(
        self,
        container: dict[str, Any],
        *,
        extra_env: dict[str, str] | None = None,
        timeout: float = 600,
    ) -> Finished:
        argv = [*(container.get("command") or []), *(container.get("args") or [])]
        env = {**self.environment(container), **(extra_env or {})}
        started = time.monotonic()
        result = subprocess.run(
            argv, env=env, cwd=self.home, capture_output=True, text=True, timeout=timeout
        )
        return Finished(result.returncode, result.stdout, result.stderr, time.monotonic() - started)

    def python_probe(self, script: Path, payload: str, env: dict[str, str]) -> Finished:
        started = time.monotonic()
        result = subprocess.run(
            [str(self.python), str(script)],
            input=payload,
            env={**env, "PATH": f"{self.python.parent}:/usr/bin:/bin"},
            cwd=self.home,
            capture_output=True,
            text=True,
            timeout=600,
        )
        return Finished(result.returncode, result.stdout, result.stderr, time.monotonic() - started)
