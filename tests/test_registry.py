"""components/registry.py: the ECR repository for the Airflow image."""

from __future__ import annotations

import json

import pytest

from components.registry import lifecycle_policy
from tests.conftest import ACCOUNT_ID, ProgramRun, Registration, cached_run

REPOSITORY = "aws:ecr/repository:Repository"
LIFECYCLE = "aws:ecr/lifecyclePolicy:LifecyclePolicy"
KMS_KEY = f"arn:aws:kms:eu-west-1:{ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def repository(run: ProgramRun) -> Registration:
    return run.one(REPOSITORY, "image-registry-repository")


def dev_with_registry(**registry: object) -> ProgramRun:
    return cached_run("dev", {"airflow-platform:registry": {"enabled": True, **registry}})


def test_prod_repository_is_immutable_scanned_encrypted_and_protected(
    prod_run: ProgramRun,
) -> None:
    repo = repository(prod_run)
    assert repo.inputs["name"] == "airflow-platform-prod/airflow"
    assert repo.inputs["imageTagMutability"] == "IMMUTABLE"
    assert repo.inputs["imageScanningConfiguration"] == {"scanOnPush": True}
    assert repo.inputs["encryptionConfigurations"] == [{"encryptionType": "AES256"}]
    assert repo.protect is True and repo.inputs["forceDelete"] is False
    component = prod_run.component_of(repo)
    assert component is not None and component.type == "airflow-platform:registry:ImageRegistry"


def test_its_url_is_a_stack_output(prod_run: ProgramRun) -> None:
    assert prod_run.outputs["imageRepositoryUrl"] == (
        f"{ACCOUNT_ID}.dkr.ecr.eu-west-1.amazonaws.com/airflow-platform-prod/airflow"
    )


def test_dev_has_no_registry_unless_enabled(dev_run: ProgramRun) -> None:
    assert not [r for r in dev_run.registrations if r.type == REPOSITORY]
    assert "imageRepositoryUrl" not in dev_run.outputs


def test_a_dev_registry_is_disposable() -> None:
    repo = repository(dev_with_registry())
    assert repo.protect is False and repo.inputs["forceDelete"] is True


def test_a_configured_kms_key_encrypts_the_images() -> None:
    repo = repository(dev_with_registry(kmsKeyArn=KMS_KEY))
    assert repo.inputs["encryptionConfigurations"] == [{"encryptionType": "KMS", "kmsKey": KMS_KEY}]


def test_the_repository_name_is_configurable() -> None:
    run = dev_with_registry(repositoryName="data/airflow-dags")
    assert repository(run).inputs["name"] == "data/airflow-dags"
    assert run.outputs["imageRepositoryUrl"].endswith(".amazonaws.com/data/airflow-dags")


@pytest.mark.parametrize(("stack", "keep"), [("dev", 10), ("prod", 100)])
def test_lifecycle_rule_keeps_the_newest_images(stack: str, keep: int) -> None:
    run = dev_with_registry() if stack == "dev" else cached_run("prod")
    policy = run.one(LIFECYCLE, "image-registry-lifecycle")
    assert policy.inputs["repository"] == repository(run).inputs["name"]
    (rule,) = json.loads(policy.inputs["policy"])["rules"]
    assert rule["selection"] == {
        "tagStatus": "any",
        "countType": "imageCountMoreThan",
        "countNumber": keep,
    }
    assert rule["action"] == {"type": "expire"}


def test_lifecycle_policy_follows_the_setting() -> None:
    (rule,) = json.loads(lifecycle_policy(3))["rules"]
    assert rule["selection"]["countNumber"] == 3 and rule["rulePriority"] == 1


def test_the_image_runs_from_the_registry_when_the_stack_says_ecr() -> None:
    run = dev_with_registry()
    values = run.one("kubernetes:helm.sh/v3:Release", "airflow-release").inputs["values"]
    assert values["images"]["airflow"]["repository"] == "apache/airflow", "not unless `ecr`"
    run = cached_run(
        "dev",
        {
            "airflow-platform:registry": {"enabled": True},
            "airflow-platform:airflow": {"image": {"repository": "ecr", "tag": "3.2.2-abc"}},
        },
    )
    release = run.one("kubernetes:helm.sh/v3:Release", "airflow-release")
    assert release.inputs["values"]["images"]["airflow"] == {
        "repository": run.outputs["imageRepositoryUrl"],
        "tag": "3.2.2-abc",
        "pullPolicy": "IfNotPresent",
    }
    assert repository(run).urn in release.dependencies, "the repository exists before the pull"
