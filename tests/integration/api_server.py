"""The API server's sign-in as the real FAB auth manager runs it: the chart's rendered API server
container, the files it mounts from ConfigMaps, its environment, a home of its own."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import cached_run
from tests.integration import chart
from tests.integration.airflow_runtime import IMAGE_HOME, AirflowRuntime
from tests.integration.consumers import PROBES

RELEASE = "kubernetes:helm.sh/v3:Release"
WEBSERVER_CONFIG = f"{IMAGE_HOME}/webserver_config.py"


@dataclass
class FabReport:
    """What the FAB auth manager loaded (see probes/fab_sign_in.py) and what it was given."""

    loaded: dict[str, Any]
    files: dict[str, str]  # mount path -> text, of the ConfigMap files the API server mounts
    env: dict[str, str]


def mount_config_files(
    docs: tuple[dict[str, Any], ...],
    deployment: dict[str, Any],
    container: dict[str, Any],
    home: Path,
) -> dict[str, str]:
    """Writes each ConfigMap key the container mounts by subPath under IMAGE_HOME into `home`, as
    the kubelet would, with the image's paths moved as AirflowRuntime moves them; returns
    {mount path: text as rendered}."""
    volumes = {v["name"]: v for v in deployment["spec"]["template"]["spec"].get("volumes") or []}
    written = {}
    for mount in container.get("volumeMounts") or []:
        source = volumes[mount["name"]].get("configMap")
        if not source or "subPath" not in mount or not mount["mountPath"].startswith(IMAGE_HOME):
            continue
        text = chart.one(docs, "ConfigMap", source["name"])["data"][mount["subPath"]]
        target = home / mount["mountPath"].removeprefix(IMAGE_HOME + "/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text.replace(IMAGE_HOME, str(home)))
        written[mount["mountPath"]] = text
    return written


@dataclass
class ApiServer:
    """The API server of a deployment, ready to run: its own home with the mounted files."""

    runtime: AirflowRuntime
    files: dict[str, str]  # mount path -> text, of the ConfigMap files it mounts
    env: dict[str, str]

    def probe(self, name: str, request: Mapping[str, Any]) -> Any:
        """Runs probes/<name>.py with `request` on stdin; its last line of output, as JSON."""
        finished = self.runtime.python_probe(PROBES / f"{name}.py", json.dumps(request), self.env)
        assert finished.returncode == 0, finished.stderr[-4000:]
        return json.loads(finished.stdout.strip().splitlines()[-1])


def api_server(airflow: AirflowRuntime, overrides: Mapping[str, Any] | None = None) -> ApiServer:
    """The API server of the deployment (its stack with `overrides`, against the deployment's
    database and Secrets), as the chart renders it."""
    deployment = airflow.live.deployment
    values = deployment.values
    if overrides:
        values = (
            cached_run(deployment.stack, overrides).one(RELEASE, "airflow-release").inputs["values"]
        )
    docs = chart.manifests(values, deployment.release_name, "airflow")
    workload = chart.one(docs, "Deployment", f"{deployment.release_name}-api-server")
    container = chart.container(workload, "api-server")
    # A home of its own: only the API server mounts webserver_config.py, not the Jobs.
    home = airflow.home.parent / ("api-server-overridden" if overrides else "api-server")
    runtime = AirflowRuntime(airflow.live, home)
    files = mount_config_files(docs, workload, container, home)
    return ApiServer(runtime, files, runtime.environment(container))


def sign_in_with_fab(
    airflow: AirflowRuntime,
    request: Mapping[str, Any],
    overrides: Mapping[str, Any] | None = None,
) -> FabReport:
    """Loads the API server's FAB app and signs in as `request` says (probes/fab_sign_in.py)."""
    server = api_server(airflow, overrides)
    return FabReport(server.probe("fab_sign_in", request), server.files, server.env)
