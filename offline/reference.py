"""The reference data beside the checkout (../shared): real chart schemas and defaults, CRD schemas
and the list of every option Airflow reads, and the checks of rendered values against them.

The folder is found at `$AIRFLOW_PLATFORM_SHARED`, else `../shared` next to the project. When a file
is absent, `shared_file` raises `MissingReferenceDataError` saying where it looked and how to fix it
(the tests turn that into a skip with the same reason).
"""

from __future__ import annotations

import copy
import functools
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from offline.runner import PROJECT_ROOT

__all__ = [
    "NOT_FETCHED",
    "SHARED_DIR",
    "MissingReferenceDataError",
    "airflow_options",
    "chart_defaults",
    "chart_file",
    "chart_schema_errors",
    "crd_schema_errors",
    "helm_merge",
    "shared_file",
]

SHARED_DIR = Path(os.environ.get("AIRFLOW_PLATFORM_SHARED", PROJECT_ROOT.parent / "shared"))

# Where the folder is one `tools/dev.py fetch-charts` made (CI): it holds the charts only.
NOT_FETCHED = (
    " (`python3 tools/dev.py fetch-charts` provides only the pinned chart packages, their values "
    "and schemas and the CRD schemas of the kinds those charts install; Airflow's option list and "
    "the other CRD schemas come only with the shared folder)"
)

_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader: charts' values are big


class MissingReferenceDataError(FileNotFoundError):
    """A file of the shared reference data is not where the engine looks for it."""


def shared_file(*parts: str) -> Path:
    """Path of a reference file in the shared folder; raises MissingReferenceDataError when absent."""
    path = SHARED_DIR.joinpath(*parts)
    if not path.exists():
        raise MissingReferenceDataError(
            f"reference data {path} is absent: put the shared folder beside the checkout "
            "or set AIRFLOW_PLATFORM_SHARED" + ("" if parts[:1] == ("charts",) else NOT_FETCHED)
        )
    return path


def helm_merge(defaults: Any, overrides: Any) -> Any:
    """Helm's coalescing of user values over chart defaults: maps merge, null deletes a key,
    anything else (lists included) replaces."""
    if isinstance(defaults, dict) and isinstance(overrides, Mapping):
        merged = dict(defaults)
        for key, value in overrides.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = helm_merge(defaults.get(key), value)
        return merged
    return copy.deepcopy(overrides)


def chart_file(chart: str, name: str) -> Path:
    """A file of a chart's reference folder, e.g. chart_file("airflow", "values.yaml")."""
    return shared_file("charts", chart, name)


@functools.cache
def _chart_reference(chart: str) -> tuple[dict[str, Any], dict[str, Any], Any]:
    import jsonschema  # only the schema checks need it, not the plan

    schema = json.loads(chart_file(chart, "values.schema.json").read_text())
    defaults = yaml.load(chart_file(chart, "values.yaml").read_text(), Loader=_YamlLoader) or {}
    return schema, defaults, jsonschema.Draft7Validator(schema)


def chart_defaults(chart: str) -> dict[str, Any]:
    """The chart's values.yaml, as a fresh copy the caller may change."""
    return copy.deepcopy(_chart_reference(chart)[1])


def _schema_messages(validator: Any, document: Any) -> list[str]:
    return [
        f"{'.'.join(str(p) for p in error.absolute_path) or '<root>'}: {error.message[:300]}"
        for error in validator.iter_errors(document)
    ]


def chart_schema_errors(chart: str, values: Mapping[str, Any]) -> list[str]:
    """Errors Helm would report: the chart's schema against its defaults merged with `values`."""
    schema, defaults, validator = _chart_reference(chart)
    errors = _schema_messages(validator, helm_merge(defaults, values))
    # Some charts' schemas accept any top-level key, so Helm silently ignores a typo there.
    known = set(schema.get("properties", {})) | set(defaults)
    errors += [f"{key}: not a value this chart reads" for key in values if key not in known]
    return errors


def crd_schema_errors(schema_file: str, manifest: Mapping[str, Any]) -> list[str]:
    """Errors the API server would report for `manifest` against a CRD's OpenAPI schema."""
    import jsonschema

    schema = json.loads(shared_file("crd-schemas", schema_file).read_text())
    return _schema_messages(jsonschema.Draft7Validator(schema), manifest)


def airflow_options() -> dict[str, Any]:
    """Every option Airflow 3 reads, by section (airflow-config/options.json)."""
    return json.loads(shared_file("airflow-config", "options.json").read_text())
