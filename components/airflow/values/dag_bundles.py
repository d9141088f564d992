"""Airflow 3 DAG bundles: the git bundle as `dag_processor` options and its connection's env.

Without a bundle Airflow keeps its default, the image's or claim's dags folder. A git bundle is
versioned: each DAG version records its commit and each run executes the commit it started with.
"""

from __future__ import annotations

import json
from typing import Any

from components.settings import GIT_BUNDLE_CONN_ID, GIT_BUNDLE_NAME, AirflowSettings
from components.settings.dag_bundle import GitBundleSettings

# In the apache-airflow-providers-git package, which the official image installs (`git` extra).
GIT_DAG_BUNDLE_CLASS = "airflow.providers.git.bundles.git.GitDagBundle"


def git_bundle_entry(bundle: GitBundleSettings) -> dict[str, Any]:
    """One entry of `dag_bundle_config_list`, with GitDagBundle's keyword arguments."""
    kwargs: dict[str, Any] = {
        "repo_url": bundle.repository,
        "tracking_ref": bundle.tracking_ref,
        "refresh_interval": bundle.refresh_interval_seconds,
    }
    if bundle.subdir:
        kwargs["subdir"] = bundle.subdir
    if bundle.connection_secret:
        kwargs["git_conn_id"] = GIT_BUNDLE_CONN_ID
    return {"name": GIT_BUNDLE_NAME, "classpath": GIT_DAG_BUNDLE_CLASS, "kwargs": kwargs}


def dag_bundle_options(settings: AirflowSettings) -> dict[str, str]:
    """The `dag_processor` options of the DAG source; none unless it is a git bundle."""
    bundle = settings.dags.git_bundle
    if bundle is None:
        return {}
    return {
        "dag_bundle_config_list": json.dumps([git_bundle_entry(bundle)], sort_keys=True),
        # Airflow's default, stated: versions are what make runs keep their commit.
        "disable_bundle_versioning": "False",
    }


def git_connection_env(settings: AirflowSettings) -> list[dict[str, str]]:
    """The chart's `secret:` entry exposing the bundle's connection to every Airflow container."""
    bundle = settings.dags.git_bundle
    if bundle is None or bundle.connection_secret is None:
        return []
    return [
        {
            "envName": f"AIRFLOW_CONN_{GIT_BUNDLE_CONN_ID.upper()}",
            "secretName": bundle.connection_secret,
            "secretKey": bundle.connection_secret_key,
        }
    ]
