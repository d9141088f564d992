"""Fetch every pinned chart package from its chart's official Helm repository, into the folder the
tests and the offline plan read as reference data (for CI, which has the internet but not ../shared).

    python3 tools/dev.py fetch-charts FOLDER             # the pins of components/pins.py
    python3 tools/fetch_charts.py FOLDER --pins PATH    # the pins of another checkout's pins.py

For each pin: read the repository's index.yaml, take the entry of exactly that chart and version,
download its archive (a relative URL resolves against the repository), check it against the index's
digest and check that its Chart.yaml says the pinned name and version. Then write
FOLDER/charts/<chart>/<chart>-<version>.tgz, its provenance record (<chart>-<version>.fetched.json:
source, sha256, the index's digest, date) and the chart's Chart.yaml, values.yaml and
values.schema.json (the files the tests read); last, FOLDER/crd-schemas/ from the CRDs the charts
render (offline/derived_crd_schemas.py). Use it with AIRFLOW_PLATFORM_SHARED=FOLDER. The renderer
accepts these archives although their bytes may differ from the pinned sha256
(offline/fetched_packages.py says when). Airflow's option list and the schemas of kinds no pinned
chart installs (ServiceMonitor, PrometheusRule) are not here: the tests that need them skip.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from components.pins import CHARTS, ChartPin  # noqa: E402
from offline.derived_crd_schemas import write_crd_schemas  # noqa: E402
from offline.fetched_packages import (  # noqa: E402
    REFERENCE_FILES,
    chart_mismatch,
    provenance_path,
    provenance_record,
    top_level_file,
)
from offline.rendering import ChartPackageError  # noqa: E402

TIMEOUT_SECONDS = 120
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # some indexes are megabytes


class FetchError(Exception):
    """A pinned chart cannot be fetched as pinned; the message names chart, version and URL."""


def http_get(url: str, pin: ChartPin) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "airflow-platform fetch-charts"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            data: bytes = response.read()
            return data
    except urllib.error.HTTPError as error:
        raise FetchError(
            f"{pin.chart} {pin.version}: GET {url} answered HTTP {error.code}"
        ) from error
    except (urllib.error.URLError, OSError) as error:
        raise FetchError(f"{pin.chart} {pin.version}: GET {url} failed: {error}") from error


def repository_base(pin: ChartPin) -> str:
    """The repository URL as Helm resolves against it: always ending in a slash."""
    return pin.repository.rstrip("/") + "/"


def index_entry(pin: ChartPin, index: Any, index_url: str) -> dict[str, Any]:
    """The index's entry of exactly the pinned chart and version."""
    entries = index.get("entries") if isinstance(index, dict) else None
    if not isinstance(entries, dict):
        raise FetchError(f"{pin.chart} {pin.version}: {index_url} is not a Helm repository index")
    versions = entries.get(pin.chart)
    if not versions:
        raise FetchError(
            f"{pin.chart} {pin.version}: the index {index_url} has no chart {pin.chart}"
        )
    for entry in versions:
        if isinstance(entry, dict) and str(entry.get("version")) == pin.version:
            return entry
    newest = ", ".join(str(e.get("version")) for e in versions[:5] if isinstance(e, dict))
    raise FetchError(
        f"{pin.chart} {pin.version}: the index {index_url} lists no version {pin.version} of "
        f"{pin.chart} (it lists {newest}, ...)"
    )


def archive_url(pin: ChartPin, entry: dict[str, Any], index_url: str) -> str:
    """The entry's first URL, as `helm pull` takes it; relative ones resolve against the repository."""
    urls = entry.get("urls") or []
    if not urls:
        raise FetchError(f"{pin.chart} {pin.version}: the index {index_url} gives no URL for it")
    return urljoin(repository_base(pin), str(urls[0]))


def checked_archive(pin: ChartPin, data: bytes, url: str, index_digest: str | None) -> bytes:
    digest = hashlib.sha256(data).hexdigest()
    if index_digest and digest != index_digest:
        raise FetchError(
            f"{pin.chart} {pin.version}: {url} has sha256 {digest}, the index says {index_digest}"
        )
    if problem := chart_mismatch(pin, data):
        raise FetchError(f"{pin.chart} {pin.version}: {url}: {problem}")
    return data


def write_reference_files(folder: Path, data: bytes) -> list[str]:
    """The chart's own reference files beside its package; a stale one it lacks is removed."""
    written = []
    for name in REFERENCE_FILES:
        content = top_level_file(data, name)
        if content is None:
            (folder / name).unlink(missing_ok=True)
        else:
            (folder / name).write_bytes(content)
            written.append(name)
    return written


def fetch_chart(pin: ChartPin, folder: Path, fetched_at: str) -> Path:
    """Fetch one pinned chart into FOLDER/charts/<chart>/; returns the package's path."""
    index_url = urljoin(repository_base(pin), "index.yaml")
    index = yaml.load(http_get(index_url, pin), Loader=_YAML_LOADER)
    entry = index_entry(pin, index, index_url)
    url = archive_url(pin, entry, index_url)
    index_digest = str(entry["digest"]) if entry.get("digest") else None
    data = checked_archive(pin, http_get(url, pin), url, index_digest)
    chart_dir = folder / "charts" / pin.chart
    chart_dir.mkdir(parents=True, exist_ok=True)
    package = chart_dir / f"{pin.chart}-{pin.version}.tgz"
    package.write_bytes(data)
    record = provenance_record(pin, data, url, index_url, index_digest, fetched_at)
    provenance_path(package).write_text(json.dumps(record, indent=2, sort_keys=True) + "\n")
    write_reference_files(chart_dir, data)
    return package


def fetch_all(pins: Iterable[ChartPin], folder: Path) -> list[Path]:
    fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
    return [fetch_chart(pin, folder, fetched_at) for pin in pins]


def load_pins(path: Path) -> Sequence[ChartPin]:
    """CHARTS of another checkout's components/pins.py (it imports nothing from the project)."""
    spec = importlib.util.spec_from_file_location("_other_pins", path)
    if spec is None or spec.loader is None:
        raise FetchError(f"{path}: not a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve their module while the class is built
    spec.loader.exec_module(module)
    charts: Sequence[ChartPin] = module.CHARTS
    return charts


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "folder", type=Path, help="where to write charts/<chart>/ (the shared folder)"
    )
    parser.add_argument("--pins", type=Path, help="a pins.py whose CHARTS to fetch instead")
    args = parser.parse_args(argv)
    try:
        pins = load_pins(args.pins) if args.pins else CHARTS
        for package in fetch_all(pins, args.folder):
            print(f"fetched {package}")
        for schema in write_crd_schemas(pins, args.folder / "charts", args.folder / "crd-schemas"):
            print(f"derived {schema}")
    except (FetchError, ChartPackageError) as error:
        print(f"fetch-charts: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
