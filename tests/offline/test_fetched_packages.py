"""offline/fetched_packages.py: what a fetched archive says about itself, and its provenance."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest

from components.pins import ChartPin
from offline.fetched_packages import (
    chart_metadata,
    chart_mismatch,
    provenance_path,
    provenance_problem,
    provenance_record,
    top_level_file,
)
from tests.conftest import chart_archive

PIN = ChartPin("https://example.invalid", "probe", "1.0.0", "0" * 64)


def test_only_the_charts_own_files_are_read_not_a_subchart_s() -> None:
    archive = chart_archive("probe", "1.0.0", {"charts/sub/values.yaml": "sub: 1\n"})
    assert top_level_file(archive, "values.yaml") is None
    assert chart_metadata(archive)["name"] == "probe"


def test_bytes_that_are_not_a_chart_archive_are_named_so() -> None:
    with pytest.raises(ValueError, match="not a chart archive"):
        chart_metadata(b"<html>not found</html>")
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz"):
        pass
    assert chart_mismatch(PIN, buffer.getvalue()) == "not a chart archive (no <chart>/Chart.yaml)"


def test_chart_mismatch_names_what_the_archive_says() -> None:
    assert chart_mismatch(PIN, chart_archive("probe", "1.0.0")) is None
    assert chart_mismatch(PIN, chart_archive("other", "1.0.0")) == (
        "Chart.yaml says other 1.0.0, the pin is probe 1.0.0"
    )


def test_a_record_that_is_not_an_object_is_refused(tmp_path: Path) -> None:
    package = tmp_path / "probe-1.0.0.tgz"
    data = chart_archive("probe", "1.0.0")
    package.write_bytes(data)
    assert provenance_path(package) == tmp_path / "probe-1.0.0.fetched.json"
    provenance_path(package).write_text("[]")
    assert "is not a JSON object" in str(provenance_problem(PIN, package, data))
    record = provenance_record(PIN, data, "https://example.invalid/p.tgz", "", None, "now")
    provenance_path(package).write_text(json.dumps(record))
    assert provenance_problem(PIN, package, data) is None
