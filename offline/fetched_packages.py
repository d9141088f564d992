"""A chart package fetched from its official repository (tools/fetch_charts.py): what its archive
says about itself, and the provenance record written beside it.

Official archives may differ byte-wise from the packages the pins' sha256 records (a repository
re-packages or signs them), so the renderer also accepts a package whose provenance record names the
pinned chart and version and records exactly that file's sha256, and whose own Chart.yaml says the
pinned name and version. The record is written as `<chart>-<version>.fetched.json` beside the
package, one per package, so that two checkouts' pins (a pull request's base and head) can share a
folder.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path
from typing import Any, Protocol

import yaml

PROVENANCE_SUFFIX = ".fetched.json"
# The files of a chart the tests read as reference data, beside its package.
REFERENCE_FILES = ("Chart.yaml", "values.yaml", "values.schema.json")


class Pin(Protocol):
    """What a chart pin names (components.pins.ChartPin, or another checkout's copy of it)."""

    @property
    def chart(self) -> str: ...

    @property
    def version(self) -> str: ...


def provenance_path(package: Path) -> Path:
    return package.with_name(package.name.removesuffix(".tgz") + PROVENANCE_SUFFIX)


def top_level_file(data: bytes, name: str) -> bytes | None:
    """A file of the packaged chart itself (`<chart>/<name>`, not a subchart's), or None."""
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar.getmembers():
            parts = member.name.split("/")
            if len(parts) == 2 and parts[1] == name and member.isfile():
                extracted = tar.extractfile(member)
                return extracted.read() if extracted else None
    return None


def chart_metadata(data: bytes) -> dict[str, Any]:
    """The archive's Chart.yaml; ValueError when the bytes are not a packaged chart."""
    try:
        text = top_level_file(data, "Chart.yaml")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise ValueError(f"not a chart archive ({error})") from error
    if text is None:
        raise ValueError("not a chart archive (no <chart>/Chart.yaml)")
    metadata = yaml.safe_load(text)
    if not isinstance(metadata, dict):
        raise ValueError("its Chart.yaml is not a mapping")
    return metadata


def chart_mismatch(pin: Pin, data: bytes) -> str | None:
    """Why the archive's Chart.yaml is not the pinned chart, or None when it is."""
    try:
        metadata = chart_metadata(data)
    except ValueError as error:
        return str(error)
    said = (str(metadata.get("name")), str(metadata.get("version")))
    if said != (pin.chart, pin.version):
        return f"Chart.yaml says {said[0]} {said[1]}, the pin is {pin.chart} {pin.version}"
    return None


def provenance_record(
    pin: Pin, data: bytes, source: str, index: str, index_digest: str | None, fetched_at: str
) -> dict[str, Any]:
    return {
        "chart": pin.chart,
        "version": pin.version,
        "source": source,
        "index": index,
        "index_digest": index_digest,
        "sha256": hashlib.sha256(data).hexdigest(),
        "fetched_at": fetched_at,
    }


def provenance_problem(pin: Pin, package: Path, data: bytes) -> str | None:
    """None when `package` (whose bytes are `data`) is a fetched copy of the pinned chart: its
    provenance record names the pin and records exactly these bytes, and its Chart.yaml is the
    pin's. Otherwise why it is not."""
    record_path = provenance_path(package)
    if not record_path.is_file():
        return f"no provenance record {record_path.name} beside it"
    try:
        record = json.loads(record_path.read_text())
    except (ValueError, OSError) as error:
        return f"its provenance record {record_path} is unreadable ({error})"
    if not isinstance(record, dict):
        return f"its provenance record {record_path} is not a JSON object"
    if (record.get("chart"), record.get("version")) != (pin.chart, pin.version):
        return (
            f"its provenance record {record_path} names {record.get('chart')} "
            f"{record.get('version')}, not {pin.chart} {pin.version}"
        )
    digest = hashlib.sha256(data).hexdigest()
    if record.get("sha256") != digest:
        return f"its provenance record {record_path} records sha256 {record.get('sha256')}, not {digest}"
    return chart_mismatch(pin, data)
