"""The S3 bucket Airflow writes task logs to (`airflow.logs.s3`).

Encrypted by default (the configured KMS key, else SSE-S3), reachable only over TLS, never public,
owned by the bucket owner with ACLs disabled, and every object expires after the log retention.
No versioning: Airflow appends to a log by rewriting the object, and versioning would keep each
rewrite, and each expired log, past the retention the stack promises.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from components.iam import deny_without_tls, policy_document
from components.settings import PROJECT, RemoteLogSettings, SettingsError, full_key


def bucket_name(settings: RemoteLogSettings, stack: str, account_id: str) -> str:
    """The configured name, else one derived from project, stack and account (bucket names are
    global); one that S3 would refuse is a settings error, raised before any resource exists."""
    name = settings.bucket_name or f"{PROJECT}-{stack}-task-logs-{account_id}"
    if len(name) > 63 or not name.replace("-", "").isalnum() or name != name.lower():
        raise SettingsError(
            [
                f"{full_key('airflow.logs.s3.bucketName')}: the default {name!r} is not a valid "
                "bucket name for this stack; allowed: 3 to 63 lowercase letters, digits or '-', "
                "e.g. acme-airflow-prod-task-logs"
            ]
        )
    return name


def tls_only_bucket_policy(bucket_arn: str) -> str:
    """Every request without TLS is denied, to the bucket and to its objects."""
    return policy_document([deny_without_tls("s3:*", [bucket_arn, f"{bucket_arn}/*"])])


def encryption_rule(
    kms_key_arn: str | None,
) -> aws.s3.BucketServerSideEncryptionConfigurationRuleArgs:
    """The configured key (with an S3 bucket key, which spares a KMS call per object), else SSE-S3."""
    if kms_key_arn:
        default = aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs(
            sse_algorithm="aws:kms", kms_master_key_id=kms_key_arn
        )
        return aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
            apply_server_side_encryption_by_default=default, bucket_key_enabled=True
        )
    default = (
        aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs(
            sse_algorithm="AES256"
        )
    )
    return aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
        apply_server_side_encryption_by_default=default
    )


def expiration_rule(retention_days: int) -> aws.s3.BucketLifecycleConfigurationRuleArgs:
    """Every object expires `retention_days` after it was written (S3 rounds up to the next
    midnight UTC); unfinished uploads go after a day."""
    return aws.s3.BucketLifecycleConfigurationRuleArgs(
        id="expire-task-logs",
        status="Enabled",
        filter=aws.s3.BucketLifecycleConfigurationRuleFilterArgs(prefix=""),
        expiration=aws.s3.BucketLifecycleConfigurationRuleExpirationArgs(days=retention_days),
        # Only if versioning were ever turned on outside the program.
        noncurrent_version_expiration=aws.s3.BucketLifecycleConfigurationRuleNoncurrentVersionExpirationArgs(
            noncurrent_days=1
        ),
        abort_incomplete_multipart_upload=aws.s3.BucketLifecycleConfigurationRuleAbortIncompleteMultipartUploadArgs(
            days_after_initiation=1
        ),
    )


@dataclass(frozen=True)
class TaskLogBucketArgs:
    settings: RemoteLogSettings
    retention_days: int
    bucket_name: str


class TaskLogBucket(pulumi.ComponentResource):
    bucket_name: pulumi.Output[str]
    bucket_arn: pulumi.Output[str]
    # The last of the bucket's settings: Airflow writes only once all of them are in place.
    ready: list[pulumi.Resource]

    def __init__(
        self, name: str, args: TaskLogBucketArgs, opts: pulumi.ResourceOptions | None = None
    ):
        super().__init__("airflow-platform:task_logs:TaskLogBucket", name, None, opts)
        cfg = args.settings
        child = pulumi.ResourceOptions(parent=self)
        bucket = aws.s3.Bucket(
            f"{name}-bucket",
            bucket=args.bucket_name,
            # Unprotected (dev), `pulumi destroy` empties the bucket and deletes it.
            force_destroy=not cfg.protect,
            opts=pulumi.ResourceOptions(parent=self, protect=cfg.protect),
        )
        blocked = aws.s3.BucketPublicAccessBlock(
            f"{name}-public-access-block",
            bucket=bucket.id,
            block_public_acls=True,
            block_public_policy=True,
            ignore_public_acls=True,
            restrict_public_buckets=True,
            opts=child,
        )
        self.ready = [
            blocked,
            aws.s3.BucketOwnershipControls(
                f"{name}-ownership",
                bucket=bucket.id,
                rule=aws.s3.BucketOwnershipControlsRuleArgs(object_ownership="BucketOwnerEnforced"),
                opts=child,
            ),
            aws.s3.BucketServerSideEncryptionConfiguration(
                f"{name}-encryption",
                bucket=bucket.id,
                rules=[encryption_rule(cfg.kms_key_arn)],
                opts=child,
            ),
            aws.s3.BucketLifecycleConfiguration(
                f"{name}-expiration",
                bucket=bucket.id,
                rules=[expiration_rule(args.retention_days)],
                opts=child,
            ),
            # After the public access block: S3 checks a new policy against it.
            aws.s3.BucketPolicy(
                f"{name}-tls-only",
                bucket=bucket.id,
                policy=bucket.arn.apply(tls_only_bucket_policy),
                opts=pulumi.ResourceOptions(parent=self, depends_on=[blocked]),
            ),
        ]
        self.bucket_name = bucket.bucket
        self.bucket_arn = bucket.arn
        self.register_outputs({"bucketName": self.bucket_name, "bucketArn": self.bucket_arn})
