"""Task logs: how long they are kept, and the optional S3 bucket they are written to."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictBool, StringConstraints

from components.settings.types import ConfigModel, KmsKeyOnlyArn, Pattern, customer_kms_key

S3_PREFIX = Pattern(
    r"^[a-z0-9][a-z0-9._-]{0,62}(/[a-z0-9][a-z0-9._-]{0,62}){0,4}$",
    "1 to 5 path segments of lowercase letters, digits, '.', '_' or '-', separated by '/', "
    "without a leading or trailing '/'",
    "task-logs",
)
BUCKET_NAME = Pattern(
    r"^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$",
    "3 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit",
    "acme-airflow-prod-task-logs",
)
S3Prefix = Annotated[str, StringConstraints(pattern=S3_PREFIX.regex)]
BucketName = Annotated[str, StringConstraints(pattern=BUCKET_NAME.regex)]


class RemoteLogSettings(ConfigModel):
    enabled: StrictBool = Field(
        description="Write task logs to an S3 bucket the program creates (Airflow reads them back "
        "from there); off: task logs live only on the EFS log claim."
    )
    bucket_name: BucketName | None = Field(
        default=None,
        description="Bucket name (default airflow-platform-<stack>-task-logs-<account id>).",
    )
    prefix: S3Prefix = Field(
        default="task-logs", description="Key prefix under which Airflow writes task logs."
    )
    kms_key_arn: KmsKeyOnlyArn | None = customer_kms_key(
        "the bucket's default encryption (a key ARN, not an alias)", "SSE-S3"
    )
    protect: StrictBool = Field(
        description="Pulumi protection of the bucket, which is then never emptied by a destroy."
    )


class TaskLogSettings(ConfigModel):
    retention_days: int = Field(
        ge=1,
        le=3650,
        description="Days task logs are kept: every log groomer on the EFS claim and the S3 "
        "bucket's expiration rule delete them after this many days.",
    )
    s3: RemoteLogSettings
