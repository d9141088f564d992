"""__main__.py as a whole: both stacks deploy, bad config registers nothing, outputs are safe."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest

from tests.conftest import DELETE, ProgramRun, cached_run, execute_program

COMPONENT_TYPES = {
    "airflow-platform:database:Database",
    "airflow-platform:storage:SharedStorage",
    "airflow-platform:cert_manager:CertManager",
    "airflow-platform:keda:Keda",
    "airflow-platform:airflow:Airflow",
    "airflow-platform:monitoring:Monitoring",
    "airflow-platform:airflow_identity:AirflowIdentity",
}
# Composed only when the stack enables them (prod by default).
OPTIONAL_COMPONENT_TYPES = {
    "airflow-platform:registry:ImageRegistry",
    "airflow-platform:broker:ManagedBroker",
    "airflow-platform:task_logs:TaskLogBucket",
}


def test_both_stacks_compose_every_component(any_run: ProgramRun) -> None:
    types = {r.type for r in any_run.registrations}
    assert types >= COMPONENT_TYPES


def test_components_follow_the_style(any_run: ProgramRun) -> None:
    for registration in any_run.registrations:
        if registration.type in COMPONENT_TYPES | OPTIONAL_COMPONENT_TYPES:
            assert not registration.custom
            assert registration.parent.endswith(
                "pulumi:pulumi:Stack::airflow-platform-" + any_run.stack
            )
        elif not registration.type.startswith("pulumi:providers:"):
            component = any_run.component_of(registration)
            assert component is not None, (
                f"{registration.type} {registration.name} has no component"
            )


def test_stack_outputs_a_user_needs(any_run: ProgramRun) -> None:
    outputs = any_run.outputs
    assert outputs["airflowUrl"] == (
        "https://airflow.example.com/"
        if any_run.stack == "prod"
        else "https://airflow.dev.example.com/"
    )
    assert outputs["airflowNamespace"] == "airflow"
    assert outputs["airflowReleaseName"] == "airflow"
    assert outputs["databaseAddress"].endswith(".rds.amazonaws.com")
    assert outputs["fileSystemId"].startswith("fs-")
    assert outputs["storageClassName"] == "efs-sc"
    assert outputs["clusterIssuerName"].startswith("letsencrypt-")
    assert outputs["kedaNamespace"] == "keda"
    assert outputs["taskRoleArn"].startswith("arn:aws:iam::")
    assert ("taskLogBucketName" in outputs) is (any_run.stack == "prod")


def test_no_generated_secret_leaks_into_plain_outputs(any_run: ProgramRun) -> None:
    generated = any_run.generated_secrets()
    for name, value in any_run.outputs.items():
        if name in any_run.secret_outputs:
            continue
        for secret in generated:
            assert secret not in str(value), f"output {name} carries a generated secret"


def test_break_glass_password_is_only_a_secret_output(any_run: ProgramRun) -> None:
    assert any_run.outputs["adminUsername"] == "admin"
    assert "adminUsername" not in any_run.secret_outputs
    assert "adminPassword" in any_run.secret_outputs
    assert len(any_run.outputs["adminPassword"]) >= 20


def test_break_glass_switched_off_has_no_password_anywhere() -> None:
    run = cached_run(
        "prod", {"airflow-platform:airflow": {"auth": {"breakGlass": {"enabled": False}}}}
    )
    assert "adminPassword" not in run.outputs and "adminUsername" not in run.outputs
    assert not [r for r in run.registrations if "admin-password" in r.name]


def settings_override(key: str, value: Any) -> dict[str, Any]:
    """An override of one dotted key inside the stack file's structured config."""
    top, *rest = key.split(".")
    node: Any = value
    for part in reversed(rest):
        node = {part: node}
    return {f"airflow-platform:{top}" if top != "aws:region" else top: node}


# (stack, overrides, full config key the error must name)
BAD_PROGRAM_CONFIGS = [
    ("dev", {"airflow-platform:environment": "qa"}, "airflow-platform:environment"),
    (
        "dev",
        settings_override("database.instanceClass", "m5.large"),
        "airflow-platform:database.instanceClass",
    ),
    (
        "dev",
        settings_override("database.backupRetentionDays", 0),
        "airflow-platform:database.backupRetentionDays",
    ),
    ("dev", settings_override("airflow.host", "Airflow!"), "airflow-platform:airflow.host"),
    (
        "dev",
        settings_override("airflow.executor", "SequentialExecutor"),
        "airflow-platform:airflow.executor",
    ),
    ("dev", settings_override("certManager.email", "nobody"), "airflow-platform:certManager.email"),
    ("dev", settings_override("storage.kmsKeyArn", "key-1"), "airflow-platform:storage.kmsKeyArn"),
    (
        "dev",
        settings_override("airflow.dags", {"persistence": {"size": "5Gi"}}),
        "airflow-platform:airflow.dags.persistence",
    ),
    ("dev", settings_override("keda.replicas", 3), "airflow-platform:keda.replicas"),
    ("dev", {"airflow-platform:clusterName": "x"}, "airflow-platform:clusterName"),
    (
        "prod",
        {
            "airflow-platform:cluster": {
                "privateSubnets": [
                    {"id": "subnet-0a1b2c3d4e5f60001", "availabilityZone": "eu-west-1a"},
                    {"id": "subnet-0a1b2c3d4e5f60002", "availabilityZone": "eu-west-1a"},
                ]
            }
        },
        "airflow-platform:cluster.privateSubnets",
    ),
    ("prod", settings_override("database.multiAz", False), "airflow-platform:database.multiAz"),
    (
        "prod",
        {"airflow-platform:certManager": {"hostedZoneId": DELETE}},
        "airflow-platform:certManager.hostedZoneId",
    ),
    (
        "prod",
        {"aws:region": "us-east-1"},
        "airflow-platform:cluster.privateSubnets[0].availabilityZone",
    ),
]


@pytest.mark.parametrize(
    ("stack", "overrides", "key"),
    BAD_PROGRAM_CONFIGS,
    ids=[c[2] + "@" + c[0] for c in BAD_PROGRAM_CONFIGS],
)
def test_bad_config_fails_before_any_resource(
    stack: str, overrides: dict[str, Any], key: str
) -> None:
    execution = execute_program(stack, overrides)
    assert isinstance(execution.error, pulumi.RunError), repr(execution.error)
    assert f"{key}:" in str(execution.error)
    assert execution.monitor.registrations == [], "resources registered before the settings error"
    assert execution.mocks.invokes == [], "the cluster was looked up before the settings error"


def test_stack_files_hold_only_what_differs() -> None:
    from tests.conftest import load_stack_config

    for stack in ("dev", "prod"):
        config = load_stack_config(stack)
        assert not any(key.startswith("airflow-platform:database") for key in config), (
            f"{stack}: database sizing belongs to the environment defaults in code"
        )
        assert not any("password" in str(value).lower() for value in config.values())


def test_prod_protects_everything_stateful(prod_run: ProgramRun, dev_run: ProgramRun) -> None:
    stateful = {
        ("aws:rds/instance:Instance", "metadata-db-instance"),
        ("aws:efs/fileSystem:FileSystem", "shared-storage-fs"),
        ("random:index/randomPassword:RandomPassword", "metadata-db-master-password"),
        ("random:index/randomBytes:RandomBytes", "airflow-fernet-key"),
        ("kubernetes:core/v1:Namespace", "airflow-namespace"),
        ("aws:ecr/repository:Repository", "image-registry-repository"),
        ("aws:elasticache/replicationGroup:ReplicationGroup", "broker-group"),
        ("aws:s3/bucket:Bucket", "task-logs-bucket"),
    }
    assert {(r.type, r.name) for r in prod_run.registrations if r.protect} == stateful
    assert [r.name for r in dev_run.registrations if r.protect] == [], "dev stays disposable"
