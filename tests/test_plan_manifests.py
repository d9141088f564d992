"""tools/plan_manifests.py: the plan writes each release's objects, or says why it could not."""

from __future__ import annotations

from pathlib import Path

import pytest

from offline import reference
from tests.conftest import cached_run
from tools import plan
from tools.plan_manifests import SKIPPED, write_manifests


def _records(stack: str) -> list[dict]:
    return [{"type": r.type, "inputs": r.redacted_inputs} for r in cached_run(stack).registrations]


def test_without_chart_packages_the_manifests_are_skipped_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reference, "SHARED_DIR", tmp_path / "nowhere")
    said = write_manifests(tmp_path / "out", _records("dev"))
    assert said.startswith("Skipped the rendered manifests: chart packages absent:")
    assert "fetch-charts" in (tmp_path / "out" / "manifests" / SKIPPED).read_text()


def test_each_release_is_written_beside_its_values(tmp_path: Path) -> None:
    if not (reference.SHARED_DIR / "charts").is_dir():
        pytest.skip(f"no chart packages at {reference.SHARED_DIR / 'charts'}")
    write_manifests(tmp_path, _records("dev"))
    names = sorted(p.name for p in (tmp_path / "manifests").iterdir())
    assert names == ["airflow.yaml", "cert-manager.yaml", "keda.yaml"]
    text = (tmp_path / "manifests" / "airflow.yaml").read_text()
    assert "kind: StatefulSet" in text or "kind: Deployment" in text
    for secret in cached_run("dev").generated_secrets():
        assert secret not in text


def test_a_package_that_is_not_the_pinned_one_stops_the_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    charts = tmp_path / "shared" / "charts"
    for chart, version in (("airflow", "1.22.0"), ("cert-manager", "v1.21.1"), ("keda", "2.20.2")):
        (charts / chart).mkdir(parents=True)
        (charts / chart / f"{chart}-{version}.tgz").write_bytes(b"not the pinned bytes")
    monkeypatch.setattr(reference, "SHARED_DIR", tmp_path / "shared")
    assert plan.plan("dev", tmp_path / "out") == 2
