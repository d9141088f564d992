"""offline/reference.py: the shared reference data and the checks against it."""

from __future__ import annotations

from pathlib import Path

import pytest

from offline import reference
from tests import conftest


def test_helm_merge_matches_helm_coalescing() -> None:
    defaults = {"a": {"b": 1, "c": 2}, "l": [1, 2], "gone": {"x": 1}}
    merged = reference.helm_merge(defaults, {"a": {"b": 9}, "l": [3], "gone": None})
    assert merged == {"a": {"b": 9, "c": 2}, "l": [3]}
    assert defaults["a"] == {"b": 1, "c": 2}, "the defaults are not changed"


def test_absent_reference_data_raises_saying_where_and_how(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reference, "SHARED_DIR", tmp_path / "nowhere")
    with pytest.raises(reference.MissingReferenceDataError) as missing:
        reference.airflow_options()
    assert str(tmp_path / "nowhere" / "airflow-config" / "options.json") in str(missing.value)
    assert "AIRFLOW_PLATFORM_SHARED" in str(missing.value)
    assert "come only with the shared folder" in str(missing.value), "fetch-charts cannot help"
    with pytest.raises(reference.MissingReferenceDataError) as chart_missing:
        reference.chart_file("airflow", "values.yaml")
    assert reference.NOT_FETCHED not in str(chart_missing.value), "fetch-charts does help"


def test_tests_skip_with_the_reason_when_reference_data_is_absent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reference, "SHARED_DIR", tmp_path)
    with pytest.raises(pytest.skip.Exception, match="is absent"):
        conftest.chart_file("airflow", "values.yaml")


def test_chart_schema_errors_catch_wrong_types_and_unknown_keys() -> None:
    conftest.shared_path("charts", "cert-manager", "values.schema.json")
    assert reference.chart_schema_errors("cert-manager", {}) == []
    errors = reference.chart_schema_errors("cert-manager", {"replicaCount": "lots", "typo": 1})
    assert any(e.startswith("replicaCount") for e in errors), errors
    assert "typo: not a value this chart reads" in errors


def test_chart_defaults_are_a_copy() -> None:
    conftest.shared_path("charts", "airflow", "values.yaml")
    reference.chart_defaults("airflow")["executor"] = "changed"
    assert reference.chart_defaults("airflow")["executor"] != "changed"


def test_crd_schema_errors_report_the_path() -> None:
    conftest.shared_path("crd-schemas", "cert-manager.io", "certificate_v1.json")
    errors = reference.crd_schema_errors("cert-manager.io/certificate_v1.json", {"spec": "no"})
    assert any(e.startswith("spec") for e in errors), errors
