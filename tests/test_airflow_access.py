"""components/airflow_access.py: which service account may do what, and the documents saying so."""

from __future__ import annotations

import pytest

from components.airflow_access import SecretsScope, dns_suffix, role_specs, secrets_statements
from tests.airflow.conftest import airflow_settings


def test_nothing_on_grants_only_the_task_role() -> None:
    specs = role_specs(airflow_settings())
    assert [(s.key, s.logs, s.secrets) for s in specs] == [("tasks", None, False)]


def test_remote_logs_alone_leave_the_dag_processor_without_a_role() -> None:
    specs = role_specs(airflow_settings(**{"airflow.logs.s3.enabled": True}))
    assert [(s.key, s.logs) for s in specs] == [
        ("tasks", "write"),
        ("api-server", "read"),
        ("triggerer", "write"),
    ]


def test_the_secrets_backend_alone_grants_every_reader() -> None:
    specs = role_specs(airflow_settings(**{"airflow.secretsBackend.enabled": True}))
    assert [(s.key, s.logs, s.secrets) for s in specs] == [
        ("tasks", None, True),
        ("api-server", None, True),
        ("triggerer", None, True),
        ("dag-processor", None, True),
    ]


@pytest.mark.parametrize(
    ("partition", "suffix"), [("aws", "amazonaws.com"), ("aws-cn", "amazonaws.com.cn")]
)
def test_secret_arns_and_key_use_follow_the_partition(partition: str, suffix: str) -> None:
    key = f"arn:{partition}:kms:cn-north-1:123456789012:key/abcd"
    scope = SecretsScope(partition, "cn-north-1", "123456789012", ("c",), key)
    read, decrypt = secrets_statements(scope)
    assert read["Resource"] == [
        f"arn:{partition}:secretsmanager:cn-north-1:123456789012:secret:c/*"
    ]
    assert decrypt["Condition"] == {
        "StringEquals": {"kms:ViaService": f"secretsmanager.cn-north-1.{suffix}"}
    }
    assert dns_suffix(partition) == suffix
