"""tools/fetch_charts.py: each pinned chart from its repository's index, checked, with provenance;
against a chart repository served on loopback (no internet)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from components import pins
from components.pins import ChartPin
from offline.fetched_packages import provenance_problem
from tests.conftest import FakeChartRepository, chart_archive
from tools import fetch_charts
from tools.fetch_charts import FetchError, fetch_all, fetch_chart

VALUES = {"values.yaml": "greeting: hello\n", "values.schema.json": '{"type": "object"}\n'}


def _pin(repository: FakeChartRepository, version: str = "1.2.3") -> ChartPin:
    # The pinned sha256 is of other bytes: official archives may differ from ../shared's.
    return ChartPin(repository.url, "probe", version, "0" * 64)


def test_fetches_the_package_its_provenance_and_its_reference_files(
    chart_repository: FakeChartRepository, tmp_path: Path
) -> None:
    archive = chart_archive("probe", "1.2.3", VALUES)
    chart_repository.add("probe", "1.2.30", chart_archive("probe", "1.2.30"))
    chart_repository.add("probe", "1.2.3", archive)  # exactly the pinned version, not a prefix
    chart_repository.publish()
    pin = _pin(chart_repository)
    package = fetch_chart(pin, tmp_path / "shared", "2026-12-02T05:00:00+00:00")
    assert package == tmp_path / "shared" / "charts" / "probe" / "probe-1.2.3.tgz"
    assert package.read_bytes() == archive
    digest = hashlib.sha256(archive).hexdigest()
    assert json.loads(package.with_name("probe-1.2.3.fetched.json").read_text()) == {
        "chart": "probe",
        "version": "1.2.3",
        "source": f"{chart_repository.url}/probe-1.2.3.tgz",
        "index": f"{chart_repository.url}/index.yaml",
        "index_digest": digest,
        "sha256": digest,
        "fetched_at": "2026-12-02T05:00:00+00:00",
    }
    assert (package.parent / "values.yaml").read_text() == VALUES["values.yaml"]
    assert (package.parent / "values.schema.json").read_text() == VALUES["values.schema.json"]
    assert "version: 1.2.3" in (package.parent / "Chart.yaml").read_text()
    assert provenance_problem(pin, package, archive) is None


def test_a_relative_url_resolves_under_the_repository_path(
    chart_repository: FakeChartRepository, tmp_path: Path
) -> None:
    archive = chart_archive("probe", "1.2.3")
    # `<repo>/packages/...`: joined naively to a URL without a trailing slash it would lose /charts.
    chart_repository.add("probe", "1.2.3", archive, "packages/p.tgz", "charts/packages/p.tgz")
    chart_repository.publish()
    package = fetch_chart(_pin(chart_repository), tmp_path, "now")
    assert package.read_bytes() == archive
    record = json.loads(package.with_name("probe-1.2.3.fetched.json").read_text())
    assert record["source"] == f"{chart_repository.url}/packages/p.tgz"


def test_an_absolute_url_elsewhere_is_followed(
    chart_repository: FakeChartRepository, tmp_path: Path
) -> None:
    archive = chart_archive("probe", "1.2.3")
    elsewhere = chart_repository.url.replace("/charts", "/downloads/probe-1.2.3.tgz")
    chart_repository.add("probe", "1.2.3", archive, elsewhere, "downloads/probe-1.2.3.tgz")
    chart_repository.publish()
    assert fetch_chart(_pin(chart_repository), tmp_path, "now").read_bytes() == archive


def test_an_archive_whose_chart_yaml_says_another_version_is_refused(
    chart_repository: FakeChartRepository, tmp_path: Path
) -> None:
    chart_repository.add("probe", "1.2.3", chart_archive("probe", "1.2.4"))
    chart_repository.publish()
    url = f"{chart_repository.url}/probe-1.2.3.tgz"
    expected = f"probe 1.2.3: {url}: Chart.yaml says probe 1.2.4, the pin is probe 1.2.3"
    with pytest.raises(FetchError, match=re.escape(expected)):
        fetch_chart(_pin(chart_repository), tmp_path, "now")
    assert not (tmp_path / "charts").exists(), "nothing is written for a refused archive"


def test_a_chart_absent_from_the_index_is_refused(
    chart_repository: FakeChartRepository, tmp_path: Path
) -> None:
    chart_repository.add("other", "1.2.3", chart_archive("other", "1.2.3"))
    chart_repository.publish()
    index = f"{chart_repository.url}/index.yaml"
    with pytest.raises(
        FetchError, match=re.escape(f"probe 1.2.3: the index {index} has no chart probe")
    ):
        fetch_chart(_pin(chart_repository), tmp_path, "now")


def test_a_version_absent_from_the_index_is_refused(
    chart_repository: FakeChartRepository, tmp_path: Path
) -> None:
    chart_repository.add("probe", "1.2.30", chart_archive("probe", "1.2.30"))
    chart_repository.publish()
    index = f"{chart_repository.url}/index.yaml"
    expected = f"probe 1.2.3: the index {index} lists no version 1.2.3 of probe (it lists 1.2.30"
    with pytest.raises(FetchError, match=re.escape(expected)):
        fetch_chart(_pin(chart_repository), tmp_path, "now")


def test_http_errors_name_the_chart_version_and_url(
    chart_repository: FakeChartRepository, tmp_path: Path
) -> None:
    index = f"{chart_repository.url}/index.yaml"
    with pytest.raises(FetchError, match=re.escape(f"probe 1.2.3: GET {index} answered HTTP 404")):
        fetch_chart(_pin(chart_repository), tmp_path, "now")  # nothing published
    chart_repository.add("probe", "1.2.3", chart_archive("probe", "1.2.3"), "gone.tgz")
    chart_repository.publish()
    gone = f"{chart_repository.url}/gone.tgz"
    with pytest.raises(FetchError, match=re.escape(f"probe 1.2.3: GET {gone} answered HTTP 404")):
        fetch_chart(_pin(chart_repository), tmp_path, "now")


def test_an_archive_that_is_not_the_one_the_index_lists_is_refused(
    chart_repository: FakeChartRepository, tmp_path: Path
) -> None:
    chart_repository.add("probe", "1.2.3", chart_archive("probe", "1.2.3"))
    chart_repository.entries["probe"][0]["digest"] = "f" * 64
    chart_repository.publish()
    with pytest.raises(
        FetchError, match=r"probe-1\.2\.3\.tgz has sha256 [0-9a-f]{64}, the index says f{64}"
    ):
        fetch_chart(_pin(chart_repository), tmp_path, "now")


def test_main_fetches_the_pins_of_a_pins_file_and_reports_errors(
    chart_repository: FakeChartRepository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chart_repository.add("probe", "1.2.3", chart_archive("probe", "1.2.3"))
    chart_repository.publish()
    pins_file = tmp_path / "pins.py"
    pins_file.write_text(
        "from dataclasses import dataclass\n\n@dataclass(frozen=True)\nclass ChartPin:\n"
        "    repository: str\n    chart: str\n    version: str\n    sha256: str\n\n"
        f"CHARTS = (ChartPin({chart_repository.url!r}, 'probe', '1.2.3', ''),)\n"
    )
    assert fetch_charts.main([str(tmp_path / "out"), "--pins", str(pins_file)]) == 0
    assert (tmp_path / "out" / "charts" / "probe" / "probe-1.2.3.tgz").is_file()
    pins_file.write_text(pins_file.read_text().replace("'1.2.3'", "'9.9.9'"))
    assert fetch_charts.main([str(tmp_path / "out"), "--pins", str(pins_file)]) == 1
    assert "fetch-charts: probe 9.9.9: the index" in capsys.readouterr().err


def test_the_default_pins_are_every_chart_the_program_installs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    asked: list[ChartPin] = []
    monkeypatch.setattr(fetch_charts, "fetch_chart", lambda pin, *_: asked.append(pin))
    monkeypatch.setattr(fetch_charts, "write_crd_schemas", lambda *_: [])
    assert fetch_charts.main([str(tmp_path)]) == 0
    assert asked == list(pins.CHARTS)
    assert all(pin.repository.startswith("https://") for pin in asked)


def test_every_pin_is_fetched_into_one_folder(
    chart_repository: FakeChartRepository, tmp_path: Path
) -> None:
    for version in ("1.0.0", "2.0.0"):
        chart_repository.add("probe", version, chart_archive("probe", version))
    chart_repository.publish()
    two = [_pin(chart_repository, "1.0.0"), _pin(chart_repository, "2.0.0")]
    packages = fetch_all(two, tmp_path)
    # A base and a head checkout's pins side by side: one provenance record per package.
    assert sorted(p.name for p in packages[0].parent.iterdir()) == [
        "Chart.yaml",
        "probe-1.0.0.fetched.json",
        "probe-1.0.0.tgz",
        "probe-2.0.0.fetched.json",
        "probe-2.0.0.tgz",
    ]
