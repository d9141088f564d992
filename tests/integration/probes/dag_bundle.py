"""Probe, run by the Airflow venv: what Airflow makes of the platform's DAG bundle configuration.

Reads {"version": <commit or null>, "repo_url": <override or null>} on stdin. With the config in
AIRFLOW_HOME/airflow.cfg (as the chart renders it), prints as JSON the bundle Airflow's own bundle
manager builds and, when initialized, the commit it checked out and the files it holds.
"""

import json
import sys
from typing import Any

from airflow.configuration import conf
from airflow.dag_processing.bundles.manager import DagBundlesManager

request = json.load(sys.stdin)
entries: Any = conf.getjson("dag_processor", "dag_bundle_config_list")
# The configured class (the git provider's GitDagBundle): known from the config at run time only.
bundle: Any = DagBundlesManager().get_bundle("dags")
report = {
    "entries": entries,
    "class": f"{type(bundle).__module__}.{type(bundle).__qualname__}",
    "kwargs": {
        "repo_url": bundle.repo_url,
        "tracking_ref": bundle.tracking_ref,
        "subdir": bundle.subdir,
        "refresh_interval": bundle.refresh_interval,
        "git_conn_id": bundle.git_conn_id,
    },
    "supports_versioning": bundle.supports_versioning,
    "versioning_disabled": conf.getboolean("dag_processor", "disable_bundle_versioning"),
}
if request.get("repo_url"):
    # The same class and keywords as configured; only the URL points at a local repository.
    (entry,) = entries
    kwargs = {**entry["kwargs"], "repo_url": request["repo_url"]}
    cls = type(bundle)  # the class the bundle manager imported from the classpath
    checkout = cls(name=entry["name"], version=request.get("version"), **kwargs)
    checkout.initialize()
    report["current_version"] = checkout.get_current_version()
    report["files"] = {
        p.name: p.read_text() for p in sorted(checkout.path.iterdir()) if p.is_file()
    }
print(json.dumps(report))
