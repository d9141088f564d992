"""components/airflow/values/chart.py: the complete values, checked against the real chart's schema."""

from __future__ import annotations

import pytest

from components.airflow.secret_names import SecretNames
from tests.airflow.conftest import KNOWN_HOSTS, release, rendered, values
from tests.conftest import DELETE, ProgramRun, cached_run, chart_schema_errors


def test_image_is_configurable(prod_run: ProgramRun, dev_run: ProgramRun) -> None:
    assert values(dev_run)["images"]["airflow"] == {
        "repository": "apache/airflow",
        "tag": "3.2.2",
        "pullPolicy": "IfNotPresent",
    }
    # `repository: ecr` in the prod stack: the URL of the repository the program creates.
    assert (
        values(prod_run)["images"]["airflow"]["repository"]
        == (prod_run.outputs["imageRepositoryUrl"])
    )
    assert values(prod_run)["defaultAirflowRepository"] == prod_run.outputs["imageRepositoryUrl"]
    assert values(prod_run)["defaultAirflowTag"] == values(prod_run)["images"]["airflow"]["tag"]


def test_values_validate_against_the_chart_schema(any_run: ProgramRun) -> None:
    assert chart_schema_errors("airflow", values(any_run)) == []


@pytest.mark.parametrize(
    "executor", ["KubernetesExecutor", "CeleryExecutor,KubernetesExecutor", "LocalExecutor"]
)
@pytest.mark.parametrize(
    "dags",
    [
        {"source": "image", "gitSync": DELETE},
        {"source": "persistence", "persistence": {"size": "5Gi"}, "gitSync": DELETE},
        {
            "source": "gitSync",
            "gitSync": {
                "repository": "git@github.com:o/dags.git",
                "credentialsSecret": "git-ssh",
                "knownHosts": KNOWN_HOSTS,
            },
        },
    ],
)
def test_every_variant_validates_against_the_chart_schema(executor: str, dags: dict) -> None:
    run = cached_run("dev", {"airflow-platform:airflow": {"executor": executor, "dags": dags}})
    assert chart_schema_errors("airflow", values(run)) == []


def test_schema_check_can_fail(dev_run: ProgramRun) -> None:
    # The chart's schema accepts unknown top-level keys (Helm would ignore this typo silently);
    # the check flags them anyway, and nested typos through the schema itself.
    bad = {**values(dev_run), "schedular": {"replicas": 2}}
    assert any(e.startswith("schedular:") for e in chart_schema_errors("airflow", bad))
    nested = {**values(dev_run), "scheduler": {**values(dev_run)["scheduler"], "replica": 2}}
    assert any("replica" in e for e in chart_schema_errors("airflow", nested))


def test_secrets_are_passed_by_name_only(any_run: ProgramRun) -> None:
    v = values(any_run)
    names = SecretNames("airflow")
    assert v["fernetKeySecretName"] == names.fernet_key
    assert v["apiSecretKeySecretName"] == names.api_secret_key
    assert v["jwtSecretName"] == names.jwt_secret
    assert v["data"]["metadataSecretName"] == names.metadata
    if any_run.stack == "dev":  # prod's broker is managed: no in-cluster Redis
        assert v["redis"]["passwordSecretName"] == names.redis_password
    assert v["data"]["brokerUrlSecretName"] == names.broker_url
    for key in ("fernetKey", "apiSecretKey", "jwtSecret", "webserverSecretKey"):
        assert key not in v
    assert "metadataConnection" not in v["data"] and "brokerUrl" not in v["data"]
    assert v["postgresql"]["enabled"] is False


def test_connections_become_airflow_conn_variables() -> None:
    run = cached_run(
        "dev",
        {
            "airflow-platform:airflow": {
                "connections": [
                    {"connId": "warehouse", "secretName": "warehouse-conn"},
                    {"connId": "s3_logs", "secretName": "aws-conn", "secretKey": "url"},
                ]
            }
        },
    )
    assert values(run)["secret"][1:] == [
        {"envName": "AIRFLOW_CONN_WAREHOUSE", "secretName": "warehouse-conn", "secretKey": "uri"},
        {"envName": "AIRFLOW_CONN_S3_LOGS", "secretName": "aws-conn", "secretKey": "url"},
    ]


def test_object_names_our_urls_rely_on_are_pinned(any_run: ProgramRun) -> None:
    # With useStandardNaming off the chart names objects `<release>-<component>`, the names the
    # PgBouncer, Redis and Execution API URLs use.
    assert values(any_run)["useStandardNaming"] is False
    assert values(any_run)["config"]["core"]["execution_api_server_url"].startswith(
        f"http://{release(any_run).inputs['name']}-api-server."
    )


def test_every_airflow_workload_gets_the_async_engine_url(any_run: ProgramRun) -> None:
    """Airflow 3 also opens an async engine (asyncpg); without this variable it derives one from
    the sync URL that cannot connect. Every Deployment that has the sync URL gets ours."""
    workloads = [o for o in rendered(any_run) if o["kind"] in ("Deployment", "StatefulSet")]
    checked = 0
    for workload in workloads:
        for container in workload["spec"]["template"]["spec"]["containers"]:
            env = {e["name"]: e for e in container.get("env") or []}
            if "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN" not in env:
                continue
            checked += 1
            assert env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC"]["valueFrom"] == {
                "secretKeyRef": {"name": "airflow-managed-metadata", "key": "asyncConnection"}
            }, f"{workload['metadata']['name']}/{container['name']}"
    assert checked >= 4  # scheduler, API server, triggerer, DAG processor (and workers)
