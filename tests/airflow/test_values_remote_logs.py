"""components/airflow/values/remote_logs.py: [logging] for S3 and [secrets] for Secrets Manager."""

from __future__ import annotations

import json

from components.airflow.values.remote_logs import SECRETS_MANAGER_BACKEND
from tests.airflow.conftest import values
from tests.conftest import ACCOUNT_ID, ProgramRun, airflow_options


def test_prod_writes_task_logs_to_its_bucket_without_a_connection(prod_run: ProgramRun) -> None:
    assert values(prod_run)["config"]["logging"] == {
        "remote_logging": "True",
        "remote_base_log_folder": f"s3://airflow-platform-prod-task-logs-{ACCOUNT_ID}/task-logs",
        # Empty: the Amazon provider skips the connection lookup and uses the IRSA role.
        "remote_log_conn_id": "",
        # True would upload with AES256 and override the bucket's KMS key.
        "encrypt_s3_logs": "False",
        "delete_local_logs": "False",
    }
    # An ACL on a BucketOwnerEnforced bucket is refused: the provider must not send one.
    assert "aws" not in values(prod_run)["config"]


def test_prod_reads_connections_and_variables_from_secrets_manager(prod_run: ProgramRun) -> None:
    secrets = values(prod_run)["config"]["secrets"]
    assert secrets["backend"] == SECRETS_MANAGER_BACKEND
    assert json.loads(secrets["backend_kwargs"]) == {
        "connections_prefix": "airflow/connections",
        "variables_prefix": "airflow/variables",
        "config_prefix": None,
        "region_name": "eu-west-1",
    }


def test_dev_keeps_logs_on_efs_and_has_no_backend(dev_run: ProgramRun) -> None:
    config = values(dev_run)["config"]
    assert "logging" not in config and "secrets" not in config


def test_each_option_is_one_airflow_or_its_amazon_provider_reads() -> None:
    sections = airflow_options()["sections"]
    for option in (
        "remote_logging",
        "remote_base_log_folder",
        "remote_log_conn_id",
        "encrypt_s3_logs",
        "delete_local_logs",
    ):
        assert option in sections["logging"], option
    assert {"backend", "backend_kwargs"} <= set(sections["secrets"])
    assert sections["aws"]["s3_task_handler_acl_policy"]["default"] is None
    assert sections["logging"]["remote_log_conn_id"]["default"] == ""
