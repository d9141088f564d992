"""components/keda.py: the pinned KEDA chart, HA in prod, and the handle Airflow waits on."""

from __future__ import annotations

import yaml

from components.keda import chart_values
from components.settings import KedaSettings
from tests.conftest import ProgramRun, Registration, chart_file
from tests.decisions import KEDA_RESOURCES, dev_with_flipped_decisions


def release(run: ProgramRun) -> Registration:
    return run.one("kubernetes:helm.sh/v3:Release", "keda-release")


def test_chart_is_pinned_in_its_namespace(any_run: ProgramRun) -> None:
    inputs = release(any_run).inputs
    assert (inputs["chart"], inputs["version"]) == ("keda", "2.20.2")
    assert inputs["repositoryOpts"]["repo"] == "https://kedacore.github.io/charts"
    assert inputs["namespace"] == "keda"
    assert inputs["values"]["crds"]["install"] is True
    assert any_run.outputs["kedaNamespace"] == "keda"


def test_prod_is_highly_available(prod_run: ProgramRun, dev_run: ProgramRun) -> None:
    values = release(prod_run).inputs["values"]
    for part in ("operator", "metricsServer", "webhooks"):
        assert values[part]["replicaCount"] == 2
    for part in ("operator", "metricServer", "webhooks"):
        assert values["podDisruptionBudget"][part] == {"minAvailable": 1}
    assert release(dev_run).inputs["values"]["operator"]["replicaCount"] == 1


def test_resource_requests_on_every_pod(any_run: ProgramRun) -> None:
    resources = release(any_run).inputs["values"]["resources"]
    for part in ("operator", "metricServer", "webhooks"):
        assert resources[part]["requests"]["cpu"] and resources[part]["requests"]["memory"]


def test_values_only_use_keys_the_chart_defines() -> None:
    """The KEDA chart ships no schema; check our keys exist in its values.yaml instead."""
    defaults = yaml.safe_load(chart_file("keda", "values.yaml").read_text())

    def unknown(values: dict, reference: dict, path: str = "") -> list[str]:
        missing = []
        for key, value in values.items():
            if key not in reference:
                missing.append(path + key)
            elif isinstance(value, dict) and isinstance(reference[key], dict) and reference[key]:
                missing += unknown(value, reference[key], f"{path}{key}.")
        return missing

    values = chart_values(KedaSettings.model_validate({"highAvailability": True}))
    assert unknown(values, defaults) == []
    assert unknown({**values, "operatr": {}}, defaults) == ["operatr"]


def test_airflow_release_waits_for_keda(any_run: ProgramRun) -> None:
    airflow = any_run.one("kubernetes:helm.sh/v3:Release", "airflow-release")
    assert release(any_run).urn in airflow.dependencies


def test_resources_follow_the_settings() -> None:
    resources = release(dev_with_flipped_decisions()).inputs["values"]["resources"]
    for part in ("operator", "metricServer", "webhooks"):
        assert resources[part] == {
            "requests": {"cpu": KEDA_RESOURCES["cpu"], "memory": KEDA_RESOURCES["memory"]},
            "limits": {"memory": KEDA_RESOURCES["memoryLimit"]},
        }
