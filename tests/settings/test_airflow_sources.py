"""components/settings/airflow_sources.py: the image, the DAG source and connections."""

from __future__ import annotations

from typing import Any

import pytest

from components.pins import AIRFLOW_IMAGE_REPOSITORY, AIRFLOW_VERSION
from components.settings import parse_settings
from tests.settings.stacks import VALID_DEV, assert_rejected, with_changes

GIT = {"repository": "https://github.com/o/d.git"}
BAD = [
    ("floating image tag", {"airflow.image": {"tag": "latest"}}, "airflow.image.tag", "pinned tag"),
    ("Airflow 2 image", {"airflow.image": {"airflowVersion": "2.11.0"}},
     "airflow.image.airflowVersion", f"an Airflow 3 version 3.x.y, e.g. {AIRFLOW_VERSION}"),
    ("gitSync and persistence together",
     {"airflow.dags": {"source": "gitSync", "gitSync": GIT, "persistence": {"size": "5Gi"}}},
     "airflow.dags.persistence", "exclusive"),
    ("gitSync without a repository", {"airflow.dags": {"source": "gitSync"}}, "airflow.dags.gitSync.repository",
     "needs a gitSync block"),
    ("gitSync block with image", {"airflow.dags": {"source": "image", "gitSync": GIT}},
     "airflow.dags.source", "only allowed with source gitSync"),
    ("ssh without known hosts",
     {"airflow.dags.gitSync": {"repository": "git@github.com:o/d.git", "credentialsSecret": "k"}},
     "airflow.dags.gitSync.knownHosts", "needs knownHosts"),
    ("repository with credentials", {"airflow.dags.gitSync": {"repository": "https://u:p@h/x"}},
     "airflow.dags.gitSync.repository", "without credentials"),
    ("bad connection id", {"airflow.connections": [{"connId": "1x", "secretName": "s"}]},
     "airflow.connections[0].connId", "a letter followed by"),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "key", "rule"), [pytest.param(*r[1:], id=r[0]) for r in BAD])
def test_bad_sources_are_named(changes: dict[str, Any], key: str, rule: str) -> None:
    assert_rejected(with_changes(VALID_DEV, **changes), f"airflow-platform:{key}", rule)


def test_image_defaults_to_the_pinned_release() -> None:
    image = parse_settings(VALID_DEV).airflow.image
    assert (image.repository, image.tag) == (AIRFLOW_IMAGE_REPOSITORY, AIRFLOW_VERSION)
    assert image.airflow_version == AIRFLOW_VERSION
