"""components/settings/dag_bundle.py: an Airflow 3 git DAG bundle as the DAG source."""

from __future__ import annotations

from typing import Any

import pytest

from components.settings import parse_settings
from tests.settings.stacks import VALID_DEV, assert_rejected, problem_line, with_changes

HTTPS = {"repository": "https://github.com/o/dags.git"}
SSH = {"repository": "git@github.com:o/dags.git"}


def bundle_stack(**bundle: Any) -> dict[str, Any]:
    return with_changes(VALID_DEV, **{"airflow.dags": {"source": "gitBundle", "gitBundle": bundle}})


def test_a_public_https_repository_needs_only_its_url() -> None:
    bundle = parse_settings(bundle_stack(**HTTPS)).airflow.dags.git_bundle
    assert bundle is not None
    assert (bundle.tracking_ref, bundle.subdir, bundle.refresh_interval_seconds) == (
        "main",
        "",
        300,
    )
    assert bundle.connection_secret is None and bundle.connection_secret_key == "connection"


BAD = [
    ("ssh without a connection", bundle_stack(**SSH), "airflow.dags.gitBundle.connectionSecret",
     "an ssh repository needs connectionSecret"),
    ("no block", with_changes(VALID_DEV, **{"airflow.dags": {"source": "gitBundle"}}),
     "airflow.dags.gitBundle.repository", "source gitBundle needs a gitBundle block with a repository"),
    ("block with another source",
     with_changes(VALID_DEV, **{"airflow.dags": {"source": "image", "gitBundle": HTTPS}}),
     "airflow.dags.source", "a gitBundle block is only allowed with source gitBundle"),
    ("two sources", with_changes(VALID_DEV, **{"airflow.dags.gitBundle": HTTPS}),
     "airflow.dags.gitBundle", "gitSync and gitBundle are exclusive"),
    ("credentials in the URL", bundle_stack(repository="https://u:p@github.com/o/d.git"),
     "airflow.dags.gitBundle.repository", "without credentials"),
    ("refresh too often", bundle_stack(**HTTPS, refreshIntervalSeconds=5),
     "airflow.dags.gitBundle.refreshIntervalSeconds", "got 5"),
    ("typo", bundle_stack(**HTTPS, trackingRev="v1"),
     "airflow.dags.gitBundle.trackingRev", "allowed keys here: repository, trackingRef"),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "key", "rule"), [pytest.param(*r[1:], id=r[0]) for r in BAD])
def test_bad_bundles_are_named(raw: dict[str, Any], key: str, rule: str) -> None:
    assert_rejected(raw, f"airflow-platform:{key}", rule)


def test_the_bundles_connection_id_is_reserved() -> None:
    raw = with_changes(
        bundle_stack(**SSH, connectionSecret="git-dags"),
        **{"airflow.connections": [{"connId": "GIT_DAGS", "secretName": "s"}]},
    )
    line = problem_line(raw, "airflow-platform:airflow.connections[0].connId")
    assert "got 'GIT_DAGS'" in line and "e.g. my_git" in line
    assert "airflow-platform:airflow.dags.gitBundle.connectionSecret" in line


def test_persistence_alone_is_a_complete_source() -> None:
    # It used to pass validation with no block and then fail the deployment with a bare assert.
    raw = with_changes(VALID_DEV, **{"airflow.dags": {"source": "persistence"}})
    persistence = parse_settings(raw).airflow.dags.persistence
    assert persistence is not None and persistence.size == "10Gi"
