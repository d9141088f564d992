"""components/settings.py: parsing, environment defaults and the errors bad config gets."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from components.settings import (
    ENVIRONMENT_DEFAULTS,
    Environment,
    PlatformSettings,
    SettingsError,
    nested_model,
    parse_settings,
)

VALID_DEV: dict[str, Any] = {
    "environment": "dev",
    "region": "eu-west-1",
    "cluster": {
        "name": "data-dev",
        "privateSubnets": [
            {"id": "subnet-0123456789abcdef0", "availabilityZone": "eu-west-1a"},
            {"id": "subnet-0123456789abcdef1", "availabilityZone": "eu-west-1b"},
        ],
    },
    "certManager": {"email": "ops@example.com"},
    "airflow": {
        "host": "airflow.dev.example.com",
        "ingressClassName": "traefik",
        "dags": {"source": "gitSync", "gitSync": {"repository": "https://github.com/o/dags.git"}},
    },
}


def with_changes(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """Copy of `base` with dotted-path changes, e.g. with_changes(VALID_DEV, **{"database.multiAz": 1})."""
    raw = copy.deepcopy(base)
    for dotted, value in changes.items():
        node = raw
        *parents, leaf = dotted.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    return raw


def prod(**changes: Any) -> dict[str, Any]:
    raw = with_changes(VALID_DEV, environment="prod")
    raw["airflow"]["dags"] = {"source": "image"}
    return with_changes(raw, **changes)


def error_of(raw: dict[str, Any]) -> SettingsError:
    with pytest.raises(SettingsError) as caught:
        parse_settings(raw)
    return caught.value


def test_valid_dev_parses_to_typed_objects() -> None:
    settings = parse_settings(VALID_DEV)
    assert isinstance(settings, PlatformSettings)
    assert settings.environment is Environment.DEV
    assert settings.cluster.availability_zones == ["eu-west-1a", "eu-west-1b"]
    assert settings.airflow.executors == ["CeleryExecutor"]


def test_dev_defaults_are_small_and_disposable() -> None:
    s = parse_settings(VALID_DEV)
    assert s.database.instance_class == "db.t4g.micro"
    assert s.database.multi_az is False
    assert s.database.backup_retention_days == 1
    assert s.database.performance_insights is False
    assert s.airflow.pgbouncer is False
    assert s.airflow.scheduler_replicas == s.airflow.api_server_replicas == 1
    assert s.airflow.dags.source == "gitSync"
    assert s.keda.high_availability is False


def test_prod_defaults_are_highly_available_and_backed_up() -> None:
    s = parse_settings(prod())
    assert s.is_prod
    assert s.database.multi_az is True
    assert s.database.backup_retention_days >= 7
    assert s.database.performance_insights is True
    assert s.airflow.pgbouncer is True
    assert (
        min(
            s.airflow.scheduler_replicas,
            s.airflow.api_server_replicas,
            s.airflow.triggerer_replicas,
        )
        >= 2
    )
    assert s.airflow.tuning.parallelism >= 128
    assert s.airflow.tuning.worker_pods_creation_batch_size >= 16
    assert s.airflow.dags.source == "image"
    assert s.keda.high_availability is True


def test_stack_values_override_defaults_without_losing_siblings() -> None:
    s = parse_settings(with_changes(VALID_DEV, **{"database.instanceClass": "db.t4g.small"}))
    assert s.database.instance_class == "db.t4g.small"
    assert (
        s.database.engine_version
        == ENVIRONMENT_DEFAULTS[Environment.DEV]["database"]["engineVersion"]
    )


# One row per class of bad value: (description, raw config, full key named, fragment of the rule).
BAD_CONFIGS = [
    (
        "unknown environment",
        with_changes(VALID_DEV, environment="staging"),
        "airflow-platform:environment",
        "'dev' or 'prod'",
    ),
    (
        "wrong type",
        with_changes(VALID_DEV, **{"database.allocatedStorageGb": "lots"}),
        "airflow-platform:database.allocatedStorageGb",
        "valid integer",
    ),
    (
        "out of range",
        with_changes(VALID_DEV, **{"database.backupRetentionDays": 40}),
        "airflow-platform:database.backupRetentionDays",
        "less than or equal to 35",
    ),
    (
        "unknown choice",
        with_changes(VALID_DEV, **{"database.engineVersion": "13"}),
        "airflow-platform:database.engineVersion",
        "'16' or '17'",
    ),
    (
        "malformed host name",
        with_changes(VALID_DEV, **{"airflow.host": "not a host"}),
        "airflow-platform:airflow.host",
        "pattern",
    ),
    (
        "malformed e-mail",
        with_changes(VALID_DEV, **{"certManager.email": "ops@"}),
        "airflow-platform:certManager.email",
        "pattern",
    ),
    (
        "malformed ARN",
        with_changes(VALID_DEV, **{"database.kmsKeyArn": "arn:aws:s3:::bucket"}),
        "airflow-platform:database.kmsKeyArn",
        "pattern",
    ),
    (
        "malformed subnet id",
        with_changes(
            VALID_DEV,
            **{
                "cluster.privateSubnets": [
                    {"id": "subnet-xyz", "availabilityZone": "eu-west-1a"},
                    {"id": "subnet-0123456789abcdef1", "availabilityZone": "eu-west-1b"},
                ]
            },
        ),
        "airflow-platform:cluster.privateSubnets[0].id",
        "pattern",
    ),
    (
        "typo in a structured object",
        with_changes(VALID_DEV, **{"database.instanceClas": "db.t4g.small"}),
        "airflow-platform:database.instanceClas",
        "allowed keys here: engineVersion, instanceClass",
    ),
    (
        "unknown top-level key",
        with_changes(VALID_DEV, databse={}),
        "airflow-platform:databse",
        "allowed keys",
    ),
    (
        "two subnets in one zone",
        with_changes(
            VALID_DEV,
            **{
                "cluster.privateSubnets": [
                    {"id": "subnet-0123456789abcdef0", "availabilityZone": "eu-west-1a"},
                    {"id": "subnet-0123456789abcdef1", "availabilityZone": "eu-west-1a"},
                ]
            },
        ),
        "airflow-platform:cluster.privateSubnets",
        "one subnet per availability zone",
    ),
    (
        "a single zone",
        with_changes(
            VALID_DEV,
            **{
                "cluster.privateSubnets": [
                    {"id": "subnet-0123456789abcdef0", "availabilityZone": "eu-west-1a"}
                ]
            },
        ),
        "airflow-platform:cluster.privateSubnets",
        "at least two subnets in two availability zones",
    ),
    (
        "zone outside the region",
        with_changes(VALID_DEV, region="us-east-1"),
        "airflow-platform:cluster.privateSubnets[0].availabilityZone",
        "a zone of region us-east-1",
    ),
    ("malformed region", with_changes(VALID_DEV, region="Ireland"), "aws:region", "pattern"),
    (
        "removed Airflow 2 executor",
        with_changes(VALID_DEV, **{"airflow.executor": "CeleryKubernetesExecutor"}),
        "airflow-platform:airflow.executor",
        "removed in Airflow 3",
    ),
    (
        "unknown executor",
        with_changes(VALID_DEV, **{"airflow.executor": "CeleryExecutor,Dask"}),
        "airflow-platform:airflow.executor",
        "allowed: LocalExecutor, CeleryExecutor, KubernetesExecutor",
    ),
    (
        "gitSync and persistence together",
        with_changes(
            VALID_DEV,
            **{
                "airflow.dags": {
                    "source": "gitSync",
                    "gitSync": {"repository": "https://github.com/o/d.git"},
                    "persistence": {"size": "5Gi"},
                }
            },
        ),
        "airflow-platform:airflow.dags",
        "exclusive",
    ),
    (
        "gitSync without a repository",
        with_changes(VALID_DEV, **{"airflow.dags": {"source": "gitSync"}}),
        "airflow-platform:airflow.dags",
        "needs a gitSync block",
    ),
    (
        "dns01 without a zone",
        with_changes(VALID_DEV, **{"certManager.solver": "dns01"}),
        "airflow-platform:certManager",
        "hostedZoneId is required",
    ),
    (
        "floating image tag",
        with_changes(VALID_DEV, **{"airflow.image": {"tag": "latest"}}),
        "airflow-platform:airflow.image.tag",
        "pinned tag",
    ),
    (
        "Airflow 2 image",
        with_changes(VALID_DEV, **{"airflow.image": {"airflowVersion": "2.11.0"}}),
        "airflow-platform:airflow.image.airflowVersion",
        "pattern",
    ),
    (
        "storage ceiling under allocation",
        with_changes(
            VALID_DEV, **{"database.allocatedStorageGb": 100, "database.maxAllocatedStorageGb": 50}
        ),
        "airflow-platform:database",
        "must be greater than allocatedStorageGb",
    ),
    (
        "unknown EFS transition",
        with_changes(VALID_DEV, **{"storage.transitionToIaDays": 10}),
        "airflow-platform:storage.transitionToIaDays",
        "one of 1, 7, 14, 30",
    ),
    (
        "unknown log retention",
        with_changes(VALID_DEV, **{"database.logRetentionDays": 10}),
        "airflow-platform:database.logRetentionDays",
        "one of 1, 3, 5, 7, 14",
    ),
    (
        "KEDA bounds reversed",
        with_changes(VALID_DEV, **{"airflow.workers": {"minReplicas": 5, "maxReplicas": 2}}),
        "airflow-platform:airflow.workers",
        "at least minReplicas",
    ),
    (
        "prod single-AZ database",
        prod(**{"database.multiAz": False}),
        "airflow-platform:database.multiAz",
        "prod requires true",
    ),
    (
        "prod short backups",
        prod(**{"database.backupRetentionDays": 3}),
        "airflow-platform:database.backupRetentionDays",
        "at least 7",
    ),
    (
        "prod single scheduler",
        prod(**{"airflow.schedulerReplicas": 1}),
        "airflow-platform:airflow.schedulerReplicas",
        "at least 2",
    ),
    (
        "prod small Kubernetes batches",
        prod(
            **{
                "airflow.executor": "KubernetesExecutor",
                "airflow.tuning": {"workerPodsCreationBatchSize": 4},
            }
        ),
        "airflow-platform:airflow.tuning.workerPodsCreationBatchSize",
        ">= 16",
    ),
]


@pytest.mark.parametrize(
    ("raw", "key", "rule"),
    [pytest.param(raw, key, rule, id=desc) for desc, raw, key, rule in BAD_CONFIGS],
)
def test_bad_value_names_key_value_and_rule(raw: dict[str, Any], key: str, rule: str) -> None:
    message = str(error_of(raw))
    line = next((p for p in message.splitlines() if key + ":" in p), None)
    assert line is not None, f"{key} not named in:\n{message}"
    assert rule in line, f"rule {rule!r} not in {line!r}"


def test_every_problem_is_reported_at_once() -> None:
    raw = with_changes(
        VALID_DEV, **{"database.instanceClass": "big", "airflow.executor": "Dask", "keda.bogus": 1}
    )
    problems = error_of(raw).problems
    assert {p.split(":")[1].split(" ")[0] for p in problems} >= {
        "database.instanceClass",
        "airflow.executor",
        "keda.bogus",
    }


def test_error_shows_the_value_given() -> None:
    message = str(error_of(with_changes(VALID_DEV, **{"database.instanceClass": "huge-box"})))
    assert "'huge-box'" in message


def test_missing_required_key_is_named() -> None:
    raw = copy.deepcopy(VALID_DEV)
    del raw["airflow"]["host"]
    assert "airflow-platform:airflow.host: required" in str(error_of(raw))


def test_multi_executor_list_is_normalised() -> None:
    s = parse_settings(
        with_changes(VALID_DEV, **{"airflow.executor": "CeleryExecutor, KubernetesExecutor"})
    )
    assert s.airflow.executor == "CeleryExecutor,KubernetesExecutor"
    assert s.airflow.uses_celery and s.airflow.uses_kubernetes_executor


def test_connection_ids_become_env_names_and_must_be_unique() -> None:
    conns = [
        {"connId": "warehouse", "secretName": "wh"},
        {"connId": "WAREHOUSE", "secretName": "w2"},
    ]
    assert "must be unique" in str(
        error_of(with_changes(VALID_DEV, **{"airflow.connections": conns}))
    )
    s = parse_settings(with_changes(VALID_DEV, **{"airflow.connections": conns[:1]}))
    assert s.airflow.connections[0].env_name == "AIRFLOW_CONN_WAREHOUSE"


def _leaf_keys(model: Any, prefix: str = "") -> list[str]:
    keys = []
    for name, field in model.model_fields.items():
        alias = field.alias or name
        sub = nested_model(field.annotation)
        if sub is None:
            keys.append(prefix + alias)
        else:
            is_list = "list[" in str(field.annotation)
            keys += _leaf_keys(sub, f"{prefix}{alias}{'[]' if is_list else ''}.")
    return keys


def test_readme_documents_every_config_key() -> None:
    from tests.conftest import PROJECT_ROOT

    readme = (PROJECT_ROOT / "README.md").read_text()
    for key in _leaf_keys(PlatformSettings):
        if key == "region":
            assert "`aws:region`" in readme
            continue
        parent, _, leaf = key.rpartition(".")
        assert f"`{key}`" in readme or (f"`{parent}." in readme and f".{leaf}`" in readme), key
