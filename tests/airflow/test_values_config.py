"""components/airflow/values/config.py: airflow.cfg overrides by names Airflow 3 really reads."""

from __future__ import annotations

from tests.airflow.conftest import values
from tests.conftest import ProgramRun, airflow_options


def test_every_config_option_is_one_airflow_reads(any_run: ProgramRun) -> None:
    options = airflow_options()
    renamed = {tuple(r["old"]) for r in options["deprecated_options"]}
    for section, entries in values(any_run)["config"].items():
        for option in entries:
            assert option in options["sections"].get(section, {}), (
                f"[{section}] {option} is unknown"
            )
            assert (section, option) not in renamed, f"[{section}] {option} was renamed"


def test_option_check_catches_the_obsolete_names() -> None:
    options = airflow_options()
    renamed = {tuple(r["old"]) for r in options["deprecated_options"]}
    assert "dag_concurrency" not in options["sections"]["core"]
    assert "kubernetes" not in options["sections"]
    assert ("core", "sql_alchemy_conn") in renamed


def test_performance_tuning_per_environment(prod_run: ProgramRun, dev_run: ProgramRun) -> None:
    prod = values(prod_run)["config"]
    assert prod["core"]["parallelism"] >= 128
    assert prod["kubernetes_executor"]["worker_pods_creation_batch_size"] >= 16
    assert prod["kubernetes_executor"]["delete_worker_pods"] == "True"
    assert prod["scheduler"]["scheduler_heartbeat_sec"] > 0
    assert (
        prod["dag_processor"]["parsing_processes"]
        > values(dev_run)["config"]["dag_processor"]["parsing_processes"]
    )
    assert "kubernetes_executor" not in values(dev_run)["config"], (
        "only with the Kubernetes executor"
    )


def test_execution_api_stays_inside_the_cluster(any_run: ProgramRun) -> None:
    url = values(any_run)["config"]["core"]["execution_api_server_url"]
    assert url == "http://airflow-api-server.airflow:8080/execution/"
