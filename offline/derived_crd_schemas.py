"""JSON schemas of the custom resources the pinned charts install, derived from the CRDs the charts
themselves render: what a folder made by tools/fetch_charts.py has in place of ../shared's
crd-schemas (which come from a catalogue and lag the charts).

Written as `<group>/<kind>_<version>.json`, the layout the tests read; each is the schema the
offline verification applies to a custom resource of that kind (strict: unknown fields rejected).
Kinds no pinned chart installs (the Prometheus operator's) cannot be derived this way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from components.pins import ChartPin
from offline.rendering import HelmRelease, render_release
from offline.verify.schemas import crd_schemas, custom_resource_schema

# The values under which a chart renders its CRDs (both charts install them only when asked).
CRD_VALUES: Mapping[str, Mapping[str, Any]] = {
    "cert-manager": {"crds": {"enabled": True}},
    "keda": {"crds": {"install": True}},
}


def schema_files(objects: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """{`<group>/<kind>_<version>.json`: schema} of every CRD among `objects`."""
    files = {}
    for (api_version, kind), schema in crd_schemas(objects).items():
        group, version = api_version.split("/", 1)
        files[f"{group}/{kind.lower()}_{version}.json"] = custom_resource_schema(schema)
    return files


def write_crd_schemas(pins: Iterable[ChartPin], charts_dir: Path, folder: Path) -> list[Path]:
    """Render each pinned chart that installs CRDs and write their schemas under `folder`."""
    written = []
    for pin in pins:
        if pin.chart not in CRD_VALUES:
            continue
        release = HelmRelease(pin, pin.chart, pin.chart, CRD_VALUES[pin.chart])
        for name, schema in sorted(schema_files(render_release(release, charts_dir)).items()):
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(schema, indent=1, sort_keys=True) + "\n")
            written.append(path)
    return written
