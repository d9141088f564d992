"""components/registry_access.py: the roles CI assumes to push or pull the registry's images."""

from __future__ import annotations

import json

from tests.conftest import ACCOUNT_ID, ProgramRun, cached_run

ROLE = "aws:iam/role:Role"
POLICY = "aws:iam/rolePolicy:RolePolicy"
GITHUB = "token.actions.githubusercontent.com"
PROVIDER = f"arn:aws:iam::{ACCOUNT_ID}:oidc-provider/{GITHUB}"
DEV_SUBJECT = "repo:example-org/airflow-dags:environment:dev"
PROD_SUBJECT = "repo:example-org/airflow-dags:environment:prod"


def grants(run: ProgramRun, name: str) -> list[dict[str, object]]:
    return list(json.loads(run.one(POLICY, f"{name}-policy").inputs["policy"])["Statement"])


def trust(run: ProgramRun, name: str) -> dict[str, object]:
    (statement,) = json.loads(run.one(ROLE, name).inputs["assumeRolePolicy"])["Statement"]
    return dict(statement)


def test_prod_push_role_trusts_only_the_promotion_job(prod_run: ProgramRun) -> None:
    statement = trust(prod_run, "image-registry-push")
    assert statement["Principal"] == {"Federated": PROVIDER}
    assert statement["Condition"] == {
        "StringEquals": {f"{GITHUB}:aud": "sts.amazonaws.com", f"{GITHUB}:sub": [PROD_SUBJECT]}
    }
    assert f"{ACCOUNT_ID}:role/image-registry-push-" in prod_run.outputs["imagePushRoleArn"]


def test_push_role_may_push_to_this_repository_and_nothing_else(prod_run: ProgramRun) -> None:
    name = prod_run.one("aws:ecr/repository:Repository", "image-registry-repository").inputs["name"]
    assert grants(prod_run, "image-registry-push") == [
        {"Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"},
        {
            "Effect": "Allow",
            "Action": [
                "ecr:BatchCheckLayerAvailability",
                "ecr:CompleteLayerUpload",
                "ecr:InitiateLayerUpload",
                "ecr:PutImage",
                "ecr:UploadLayerPart",
            ],
            "Resource": f"arn:aws:ecr:eu-west-1:{ACCOUNT_ID}:repository/{name}",
        },
    ]


def test_pull_role_may_only_read_images() -> None:
    run = cached_run(
        "dev",
        {
            "airflow-platform:registry": {
                "enabled": True,
                "pushSubjects": [DEV_SUBJECT],
                "pullSubjects": [PROD_SUBJECT],
            }
        },
    )
    assert trust(run, "image-registry-pull")["Condition"] == {
        "StringEquals": {f"{GITHUB}:aud": "sts.amazonaws.com", f"{GITHUB}:sub": [PROD_SUBJECT]}
    }
    (_, read) = grants(run, "image-registry-pull")
    assert read["Action"] == [
        "ecr:BatchCheckLayerAvailability",
        "ecr:BatchGetImage",
        "ecr:GetDownloadUrlForLayer",
    ]
    assert {"imagePushRoleArn", "imagePullRoleArn"} <= run.outputs.keys()


def test_no_subjects_no_roles(dev_run: ProgramRun) -> None:
    run = cached_run("dev", {"airflow-platform:registry": {"enabled": True}})
    assert not [r for r in run.registrations if r.name.startswith("image-registry-p")]
    assert "imagePushRoleArn" not in run.outputs and "imagePullRoleArn" not in run.outputs
