"""components/helm.py: every chart installed through one helper, pinned and named."""

from __future__ import annotations

import re

from tests.conftest import ProgramRun


def test_every_release_is_pinned_and_named(any_run: ProgramRun) -> None:
    releases = any_run.by_type("kubernetes:helm.sh/v3:Release")
    assert {r.inputs["chart"] for r in releases} == {"cert-manager", "keda", "airflow"}
    for release in releases:
        inputs = release.inputs
        assert re.fullmatch(r"v?\d+\.\d+\.\d+", inputs["version"]), inputs["version"]
        assert inputs["repositoryOpts"]["repo"].startswith("https://")
        assert inputs["name"], "a fixed release name (no random suffix)"
        assert inputs["createNamespace"] is False
        assert inputs["cleanupOnFail"] is True
        assert inputs["timeout"] > 0
