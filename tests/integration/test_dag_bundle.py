"""The git DAG bundle as Airflow 3.2.2 reads it: from the chart's airflow.cfg, by its own config.

The program's values for a `gitBundle` stack are rendered by the pinned chart; its airflow.cfg
becomes AIRFLOW_HOME/airflow.cfg, the connection arrives as the chart's env would pass it, and a
probe in the Airflow venv asks Airflow's bundle manager what it built.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from components.pins import AIRFLOW_CHART
from offline.rendering import HelmRelease, render_release
from tests.conftest import DELETE, cached_run, shared_path
from tests.integration.venvs import cached_venv

PROBE = Path(__file__).parent / "probes" / "dag_bundle.py"
BUNDLE = {
    "repository": "https://github.com/example-org/airflow-dags.git",
    "trackingRef": "main",
    "subdir": "dags",
    "connectionSecret": "airflow-dags-git",
    "refreshIntervalSeconds": 120,
}
# What the existing Secret holds: Airflow's JSON connection form.
CONNECTION = {"conn_type": "git", "login": "x-access-token", "password": "not-a-real-token"}


@pytest.fixture(scope="module")
def airflow_cfg() -> str:
    shared_path("charts", "airflow", f"airflow-{AIRFLOW_CHART.version}.tgz")
    dags = {"source": "gitBundle", "gitSync": DELETE, "gitBundle": BUNDLE}
    run = cached_run("dev", {"airflow-platform:airflow": {"dags": dags}})
    inputs = run.one("kubernetes:helm.sh/v3:Release", "airflow-release").inputs
    objects = render_release(
        HelmRelease(AIRFLOW_CHART, inputs["name"], inputs["namespace"], inputs["values"])
    )
    (config_map,) = [o for o in objects if "airflow.cfg" in o.get("data", {})]
    return str(config_map["data"]["airflow.cfg"])


def probe(home: Path, airflow_cfg: str, request: dict[str, Any]) -> dict[str, Any]:
    home.mkdir(parents=True, exist_ok=True)
    (home / "airflow.cfg").write_text(airflow_cfg.replace("/opt/airflow", str(home)))
    python = cached_venv("airflow")
    result = subprocess.run(
        [str(python), str(PROBE)],
        input=json.dumps(request),
        env={
            "PATH": f"{python.parent}:/usr/bin:/bin",
            "HOME": str(home),
            "AIRFLOW_HOME": str(home),
            "AIRFLOW_CONN_GIT_DAGS": json.dumps(CONNECTION),
            # The image keeps bundles under /tmp/airflow/dag_bundles; here, inside the test's home.
            "AIRFLOW__DAG_PROCESSOR__DAG_BUNDLE_STORAGE_PATH": str(home / "dag_bundles"),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def test_airflow_builds_the_bundle_the_platform_configures(
    airflow_cfg: str, tmp_path: Path
) -> None:
    report = probe(tmp_path, airflow_cfg, {})
    assert report["class"] == "airflow.providers.git.bundles.git.GitDagBundle"
    assert report["kwargs"] == {
        "repo_url": BUNDLE["repository"],
        "tracking_ref": "main",
        "subdir": "dags",
        "refresh_interval": 120,
        "git_conn_id": "git_dags",
    }
    assert report["supports_versioning"] is True
    assert report["versioning_disabled"] is False


def git(*args: str, cwd: Path) -> str:
    identity = ["-c", "user.name=dags", "-c", "user.email=dags@example.com"]
    done = subprocess.run(["git", *identity, *args], cwd=cwd, check=True, capture_output=True)
    return done.stdout.decode().strip()


def test_runs_keep_the_commit_they_started_with(airflow_cfg: str, tmp_path: Path) -> None:
    origin, work = tmp_path / "origin.git", tmp_path / "work"
    git("init", "--quiet", "--bare", "--initial-branch=main", str(origin), cwd=tmp_path)
    git("clone", "--quiet", str(origin), str(work), cwd=tmp_path)
    (work / "dags").mkdir()
    commits = []
    for version in (1, 2):
        (work / "dags" / "pipeline.py").write_text(f"VERSION = {version}\n")
        git("add", ".", cwd=work)
        git("commit", "--quiet", "-m", f"version {version}", cwd=work)
        git("push", "--quiet", "origin", "HEAD:main", cwd=work)
        commits.append(git("rev-parse", "HEAD", cwd=work))
    local = {"repo_url": origin.as_uri()}
    newest = probe(tmp_path / "home", airflow_cfg, local)
    assert newest["current_version"] == commits[1], "the version recorded is the commit"
    assert newest["files"] == {"pipeline.py": "VERSION = 2\n"}
    started_earlier = probe(tmp_path / "home", airflow_cfg, {**local, "version": commits[0]})
    assert started_earlier["current_version"] == commits[0]
    assert started_earlier["files"] == {"pipeline.py": "VERSION = 1\n"}, "main moved on; it did not"
