"""components/task_logs.py: the S3 bucket of remote task logs."""

from __future__ import annotations

import json

import pytest

from components.settings import RemoteLogSettings, SettingsError
from components.task_logs import bucket_name
from tests.conftest import ACCOUNT_ID, ProgramRun, Registration, cached_run

BUCKET_NAME = f"airflow-platform-prod-task-logs-{ACCOUNT_ID}"
BUCKET_ARN = f"arn:aws:s3:::{BUCKET_NAME}"
KMS_KEY = f"arn:aws:kms:eu-west-1:{ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def part(run: ProgramRun, kind: str, name: str) -> Registration:
    return run.one(f"aws:s3/{kind}", f"task-logs-{name}")


def test_prod_bucket_is_named_protected_and_kept(prod_run: ProgramRun) -> None:
    bucket = part(prod_run, "bucket:Bucket", "bucket")
    assert bucket.inputs["bucket"] == BUCKET_NAME
    assert bucket.protect is True and bucket.inputs["forceDestroy"] is False
    assert prod_run.outputs["taskLogBucketName"] == BUCKET_NAME


def test_every_setting_applies_to_that_bucket(prod_run: ProgramRun) -> None:
    parts = [r for r in prod_run.registrations if r.type.startswith("aws:s3/")]
    assert len(parts) == 6
    for registration in parts:
        if registration.type != "aws:s3/bucket:Bucket":
            assert registration.inputs["bucket"] == BUCKET_NAME, registration.name


def test_public_access_is_blocked_and_acls_are_off(prod_run: ProgramRun) -> None:
    block = part(prod_run, "bucketPublicAccessBlock:BucketPublicAccessBlock", "public-access-block")
    for flag in (
        "blockPublicAcls",
        "blockPublicPolicy",
        "ignorePublicAcls",
        "restrictPublicBuckets",
    ):
        assert block.inputs[flag] is True, flag
    ownership = part(prod_run, "bucketOwnershipControls:BucketOwnershipControls", "ownership")
    assert ownership.inputs["rule"] == {"objectOwnership": "BucketOwnerEnforced"}


def test_default_encryption_is_sse_s3_without_a_key(prod_run: ProgramRun) -> None:
    encryption = part(
        prod_run,
        "bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "encryption",
    )
    assert encryption.inputs["rules"] == [
        {"applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"}}
    ]


def test_the_configured_key_encrypts_with_a_bucket_key() -> None:
    run = cached_run("prod", {"airflow-platform:airflow": {"logs": {"s3": {"kmsKeyArn": KMS_KEY}}}})
    encryption = part(
        run,
        "bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "encryption",
    )
    assert encryption.inputs["rules"] == [
        {
            "applyServerSideEncryptionByDefault": {
                "sseAlgorithm": "aws:kms",
                "kmsMasterKeyId": KMS_KEY,
            },
            "bucketKeyEnabled": True,
        }
    ]


def test_only_tls_requests_reach_the_bucket_or_its_objects(prod_run: ProgramRun) -> None:
    policy = json.loads(part(prod_run, "bucketPolicy:BucketPolicy", "tls-only").inputs["policy"])
    assert policy["Statement"] == [
        {
            "Sid": "DenyWithoutTls",
            "Effect": "Deny",
            "Principal": {"AWS": "*"},
            "Action": "s3:*",
            "Resource": [BUCKET_ARN, f"{BUCKET_ARN}/*"],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        }
    ]
    dependencies = part(prod_run, "bucketPolicy:BucketPolicy", "tls-only").dependencies
    block = part(prod_run, "bucketPublicAccessBlock:BucketPublicAccessBlock", "public-access-block")
    assert block.urn in dependencies


@pytest.mark.parametrize("days", [30, 3])
def test_objects_expire_after_exactly_the_retention(days: int) -> None:
    run = cached_run("prod", {"airflow-platform:airflow": {"logs": {"retentionDays": days}}})
    lifecycle = part(run, "bucketLifecycleConfiguration:BucketLifecycleConfiguration", "expiration")
    assert lifecycle.inputs["rules"] == [
        {
            "id": "expire-task-logs",
            "status": "Enabled",
            "filter": {"prefix": ""},
            "expiration": {"days": days},
            "noncurrentVersionExpiration": {"noncurrentDays": 1},
            "abortIncompleteMultipartUpload": {"daysAfterInitiation": 1},
        }
    ]


def test_no_versioning_keeps_logs_past_the_retention(prod_run: ProgramRun) -> None:
    kinds = {r.type for r in prod_run.registrations}
    assert not [k for k in kinds if "ersioning" in k]


def test_dev_has_no_bucket_and_a_dev_bucket_is_disposable(dev_run: ProgramRun) -> None:
    assert not [r for r in dev_run.registrations if r.type.startswith("aws:s3/")]
    run = cached_run("dev", {"airflow-platform:airflow": {"logs": {"s3": {"enabled": True}}}})
    bucket = part(run, "bucket:Bucket", "bucket")
    assert bucket.protect is False and bucket.inputs["forceDestroy"] is True
    assert bucket.inputs["bucket"] == f"airflow-platform-dev-task-logs-{ACCOUNT_ID}"


def test_a_default_name_s3_would_refuse_is_a_settings_error() -> None:
    settings = RemoteLogSettings.model_validate({"enabled": True, "protect": False})
    with pytest.raises(SettingsError) as caught:
        bucket_name(settings, "a-very-long-stack-name-for-a-team", ACCOUNT_ID)
    assert "airflow-platform:airflow.logs.s3.bucketName" in str(caught.value)
    named = RemoteLogSettings.model_validate(
        {"enabled": True, "protect": False, "bucketName": "acme-logs"}
    )
    assert bucket_name(named, "a-very-long-stack-name-for-a-team", ACCOUNT_ID) == "acme-logs"
