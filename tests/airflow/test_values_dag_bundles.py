"""components/airflow/values/dag_bundles.py: a versioned git DAG bundle, through Airflow's options."""

from __future__ import annotations

import configparser
import json
from typing import Any

import pytest

from components.airflow.values.dag_bundles import GIT_DAG_BUNDLE_CLASS
from components.pins import AIRFLOW_CHART
from offline.rendering import HelmRelease, render_release
from tests.airflow.conftest import release, values
from tests.conftest import DELETE, ProgramRun, airflow_options, cached_run, chart_file

BUNDLE = {
    "repository": "git@github.com:example-org/airflow-dags.git",
    "trackingRef": "release",
    "subdir": "dags",
    "connectionSecret": "airflow-dags-git",
    "refreshIntervalSeconds": 120,
}


def bundle_run(**bundle: Any) -> ProgramRun:
    dags = {"source": "gitBundle", "gitSync": DELETE, "gitBundle": bundle or BUNDLE}
    return cached_run("dev", {"airflow-platform:airflow": {"dags": dags}})


def bundle_list(run: ProgramRun) -> list[dict[str, Any]]:
    return json.loads(values(run)["config"]["dag_processor"]["dag_bundle_config_list"])


def test_the_git_bundle_is_configured_through_airflows_options() -> None:
    run = bundle_run()
    assert bundle_list(run) == [
        {
            "name": "dags",
            "classpath": GIT_DAG_BUNDLE_CLASS,
            "kwargs": {
                "repo_url": "git@github.com:example-org/airflow-dags.git",
                "tracking_ref": "release",
                "subdir": "dags",
                "refresh_interval": 120,
                "git_conn_id": "git_dags",
            },
        }
    ]
    processor = values(run)["config"]["dag_processor"]
    assert processor["disable_bundle_versioning"] == "False", "versions are recorded"
    assert values(run)["dags"]["gitSync"] == {"enabled": False}
    assert values(run)["dags"]["persistence"] == {"enabled": False}


def test_bundle_option_names_are_ones_airflow_reads() -> None:
    options = airflow_options()
    renamed = {tuple(r["old"]) for r in options["deprecated_options"]}
    processor = values(bundle_run())["config"]["dag_processor"]
    assert {"dag_bundle_config_list", "disable_bundle_versioning"} <= processor.keys()
    for option in processor:
        assert option in options["sections"]["dag_processor"], option
        assert ("dag_processor", option) not in renamed


def test_the_connection_comes_from_the_existing_secret_only() -> None:
    secret_env = values(bundle_run())["secret"]
    assert {
        "envName": "AIRFLOW_CONN_GIT_DAGS",
        "secretName": "airflow-dags-git",
        "secretKey": "connection",
    } in secret_env
    public = bundle_run(repository="https://github.com/example-org/airflow-dags.git")
    assert "git_conn_id" not in bundle_list(public)[0]["kwargs"], "public: no connection needed"
    assert not [e for e in values(public)["secret"] if e["envName"] == "AIRFLOW_CONN_GIT_DAGS"]


def test_other_sources_keep_airflows_default_bundle(any_run: ProgramRun) -> None:
    processor = values(any_run)["config"]["dag_processor"]
    assert "dag_bundle_config_list" not in processor


@pytest.fixture(scope="module")
def rendered_bundle_release() -> list[dict[str, Any]]:
    chart_file("airflow", "values.yaml")  # skips, saying why, without the shared charts
    registration = release(bundle_run())
    inputs = registration.inputs
    return render_release(
        HelmRelease(AIRFLOW_CHART, inputs["name"], inputs["namespace"], inputs["values"])
    )


def test_the_chart_writes_the_bundle_into_airflow_cfg(
    rendered_bundle_release: list[dict[str, Any]],
) -> None:
    config_map = next(
        o
        for o in rendered_bundle_release
        if o["kind"] == "ConfigMap" and "airflow.cfg" in o.get("data", {})
    )
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(config_map["data"]["airflow.cfg"])
    assert json.loads(parser["dag_processor"]["dag_bundle_config_list"]) == bundle_list(
        bundle_run()
    )


def test_every_airflow_container_gets_the_git_connection(
    rendered_bundle_release: list[dict[str, Any]],
) -> None:
    components = {"scheduler", "dag-processor", "triggerer", "worker", "api-server"}
    seen = set()
    for obj in rendered_bundle_release:
        pod = obj.get("spec", {}).get("template", {}).get("spec")
        component = obj.get("metadata", {}).get("labels", {}).get("component")
        if obj["kind"] in ("Deployment", "StatefulSet") and component in components:
            main = pod["containers"][0]
            env = {e["name"]: e for e in main.get("env", [])}
            ref = env["AIRFLOW_CONN_GIT_DAGS"]["valueFrom"]["secretKeyRef"]
            assert ref == {"name": "airflow-dags-git", "key": "connection"}, component
            seen.add(component)
    assert seen == components
