"""Constrained value types shared by the settings models.

Each pattern carries a sentence and an example: a user who gets one wrong reads the rule in words,
never the regular expression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic.alias_generators import to_camel

from components.pins import AIRFLOW_VERSION
from components.settings import quantities


class Environment(StrEnum):
    DEV = "dev"
    PROD = "prod"


class ConfigModel(BaseModel):
    """Config objects: camelCase keys as in the stack file, unknown keys (typos) rejected."""

    model_config = ConfigDict(
        extra="forbid", alias_generator=to_camel, frozen=True, populate_by_name=False
    )


@dataclass(frozen=True)
class Pattern:
    """A regular expression and how to say it to a user."""

    regex: str
    sentence: str
    example: str

    def __post_init__(self) -> None:
        PATTERNS[self.regex] = self

    @property
    def rule(self) -> str:
        return f"allowed: {self.sentence}, e.g. {self.example}"


# Every Pattern, by regex: the loader turns a pattern mismatch back into its sentence.
PATTERNS: dict[str, Pattern] = {}

_LABEL = r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
_TIME = r"([01]\d|2[0-3]):[0-5]\d"
_DAY = r"(mon|tue|wed|thu|fri|sat|sun)"

REGION = Pattern(r"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$", "an AWS region code", "eu-west-1")
AVAILABILITY_ZONE = Pattern(
    r"^[a-z]{2}(-[a-z]+)+-\d[a-z]$", "an availability zone name", "eu-west-1a"
)
SUBNET = Pattern(
    r"^subnet-([0-9a-f]{8}|[0-9a-f]{17})$",
    "'subnet-' followed by 8 or 17 lowercase hexadecimal digits",
    "subnet-0123456789abcdef0",
)
# AWS stores a key given by alias as the key's ARN: every later `up` would see a change and
# replace the database, file system or repository. So only key ARNs (multi-region `mrk-` too).
KMS_KEY_ARN = Pattern(
    r"^arn:aws(-[a-z]+)*:kms:[a-z0-9-]+:\d{12}:key/(mrk-)?[A-Za-z0-9-]+$",
    "the ARN of a KMS key, not an alias (AWS stores an alias as its key's ARN, so every later "
    "update would want to replace the resource)",
    "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
)
# IAM grants on a KMS key name the key: a policy whose Resource is an alias ARN matches nothing.
KMS_KEY_ONLY_ARN = Pattern(
    r"^arn:aws(-[a-z]+)*:kms:[a-z0-9-]+:\d{12}:key/[A-Za-z0-9-]+$",
    "the ARN of a KMS key (not an alias: IAM grants on an alias ARN match nothing)",
    "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
)
IAM_ROLE_ARN = Pattern(
    r"^arn:aws(-[a-z]+)*:iam::\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$",
    "the ARN of an IAM role",
    "arn:aws:iam::123456789012:role/efs-csi-driver",
)
HOSTED_ZONE = Pattern(
    r"^Z[A-Z0-9]{1,31}$",
    "a Route 53 hosted zone id: 'Z' and up to 31 uppercase letters or digits",
    "Z0123456789ABCDEFGHIJ",
)
EMAIL = Pattern(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@("
    + _LABEL.replace("a-z", "A-Za-z")
    + r"\.)+[A-Za-z]{2,63}$",
    "an e-mail address with a full domain",
    "ops@example.com",
)
HOSTNAME = Pattern(
    rf"^({_LABEL}\.)+[a-z]([a-z0-9-]{{0,61}}[a-z0-9])?$",
    "a lowercase DNS name of at least two labels, without scheme or path",
    "airflow.example.com",
)
DNS_LABEL = Pattern(
    rf"^{_LABEL}$",
    "up to 63 lowercase letters, digits or '-', starting and ending with a letter or digit",
    "airflow",
)
DNS_SUBDOMAIN = Pattern(
    rf"^{_LABEL}(\.{_LABEL})*$",
    "lowercase DNS labels (letters, digits, '-') separated by dots",
    "efs-sc",
)
DAILY_WINDOW = Pattern(rf"^{_TIME}-{_TIME}$", "a UTC window hh:mm-hh:mm", "02:00-03:00")
WEEKLY_WINDOW = Pattern(
    rf"^{_DAY}:{_TIME}-{_DAY}:{_TIME}$",
    "a UTC window ddd:hh:mm-ddd:hh:mm with lowercase three-letter days",
    "sun:03:30-sun:04:30",
)
EKS_CLUSTER_NAME = Pattern(
    r"^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$",
    "up to 100 letters, digits, '-' or '_', starting with a letter or digit",
    "data-prod",
)
DB_INSTANCE_CLASS = Pattern(
    r"^db\.[a-z0-9-]+\.[a-z0-9]+$", "an RDS instance class db.<family>.<size>", "db.t4g.micro"
)
CACHE_NODE_TYPE = Pattern(
    r"^cache\.[a-z0-9-]+\.[a-z0-9]+$",
    "an ElastiCache node type cache.<family>.<size>",
    "cache.t4g.small",
)
ABSOLUTE_PATH = Pattern(
    r"^/[A-Za-z0-9/_-]*$", "an absolute path of letters, digits, '/', '_' or '-'", "/airflow"
)
IMAGE_REPOSITORY = Pattern(
    r"^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*$",
    "a lowercase image repository, optionally with registry host and port, without a tag",
    "123456789012.dkr.ecr.eu-west-1.amazonaws.com/airflow",
)
IMAGE_TAG = Pattern(
    r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$",
    "up to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'",
    f"{AIRFLOW_VERSION}-dags-42",
)
AIRFLOW3_VERSION = Pattern(r"^3\.\d+\.\d+$", "an Airflow 3 version 3.x.y", AIRFLOW_VERSION)
GIT_REPOSITORY = Pattern(
    r"^(https://[^\s@/]+(/[^\s]+)+|ssh://[^\s]+|git@[^\s:]+:[^\s]+)$",
    "an https://, ssh:// or git@host:path repository URL, without credentials",
    "https://github.com/acme/dags.git",
)
GIT_BRANCH = Pattern(
    r"^[A-Za-z0-9._/-]{1,200}$", "1 to 200 letters, digits, '.', '_', '/' or '-'", "main"
)
GIT_SUB_PATH = Pattern(
    r"^[A-Za-z0-9._/-]{0,200}$", "up to 200 letters, digits, '.', '_', '/' or '-'", "dags"
)
CONN_ID = Pattern(
    r"^[A-Za-z][A-Za-z0-9_]{0,249}$",
    "a letter followed by up to 249 letters, digits or '_'",
    "warehouse",
)
SECRET_KEY = Pattern(r"^[-._A-Za-z0-9]+$", "letters, digits, '-', '_' or '.'", "uri")
# What a stack file may write is any Kubernetes quantity (see quantities.py); these are the forms
# it is normalised to, and their sentences say what a user may write.
QUANTITY = Pattern(
    r"^[1-9][0-9]*(Mi|Gi|Ti)$",
    "a size of at least 1Mi in a unit Kubernetes accepts (Mi, Gi, Ti, M, G, T or bytes)",
    "20Gi",
)
MEMORY = Pattern(
    r"^[1-9][0-9]*(Mi|Gi)$",
    "a size of at least 1Mi in a unit Kubernetes accepts (Mi, Gi, M, G or bytes)",
    "512Mi",
)
CPU = Pattern(
    r"^[1-9][0-9]*m?$", "cores (e.g. 1 or 0.5) or millicores ending in m, at least 1m", "250m"
)


def _text(pattern: Pattern, max_length: int | None = None) -> StringConstraints:
    return StringConstraints(pattern=pattern.regex, max_length=max_length)


RegionName = Annotated[str, _text(REGION)]
AvailabilityZone = Annotated[str, _text(AVAILABILITY_ZONE)]
SubnetId = Annotated[str, _text(SUBNET)]
KmsKeyArn = Annotated[str, _text(KMS_KEY_ARN)]
KmsKeyOnlyArn = Annotated[str, _text(KMS_KEY_ONLY_ARN)]


def customer_kms_key(encrypts: str, unset: str) -> Any:
    """The optional `kmsKeyArn` of a resource the program encrypts, said the same way everywhere:
    what the key encrypts and what encrypts it without one. The field's type stays with the field
    (KmsKeyArn, or KmsKeyOnlyArn where IAM grants on the key must match it)."""
    return Field(default=None, description=f"Customer KMS key for {encrypts}; unset: {unset}.")


IamRoleArn = Annotated[str, _text(IAM_ROLE_ARN)]
HostedZoneId = Annotated[str, _text(HOSTED_ZONE)]
EmailAddress = Annotated[str, _text(EMAIL)]
HostName = Annotated[str, _text(HOSTNAME, max_length=253)]
DnsLabel = Annotated[str, _text(DNS_LABEL)]
DnsSubdomain = Annotated[str, _text(DNS_SUBDOMAIN, max_length=253)]
DailyWindow = Annotated[str, _text(DAILY_WINDOW)]
WeeklyWindow = Annotated[str, _text(WEEKLY_WINDOW)]
EksClusterName = Annotated[str, _text(EKS_CLUSTER_NAME)]
DbInstanceClass = Annotated[str, _text(DB_INSTANCE_CLASS)]
CacheNodeType = Annotated[str, _text(CACHE_NODE_TYPE)]
AbsolutePath = Annotated[str, _text(ABSOLUTE_PATH)]
ImageRepository = Annotated[str, _text(IMAGE_REPOSITORY)]
ImageTag = Annotated[str, _text(IMAGE_TAG)]
Airflow3Version = Annotated[str, _text(AIRFLOW3_VERSION)]
GitRepository = Annotated[str, _text(GIT_REPOSITORY)]
GitBranch = Annotated[str, _text(GIT_BRANCH)]
GitSubPath = Annotated[str, _text(GIT_SUB_PATH)]
ConnId = Annotated[str, _text(CONN_ID)]
SecretKey = Annotated[str, _text(SECRET_KEY)]
StorageQuantity = Annotated[
    str,
    BeforeValidator(
        lambda v: quantities.size(v, ("Mi", "Gi", "Ti"), re.compile(QUANTITY.regex), "20Gi")
    ),
    _text(QUANTITY),
]
MemoryQuantity = Annotated[
    str,
    BeforeValidator(lambda v: quantities.size(v, ("Mi", "Gi"), re.compile(MEMORY.regex), "512Mi")),
    _text(MEMORY),
]
CpuQuantity = Annotated[
    str, BeforeValidator(lambda v: quantities.cpu(v, re.compile(CPU.regex))), _text(CPU)
]

# Retention periods CloudWatch Logs accepts, in days.
CLOUDWATCH_RETENTION_DAYS = (
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
    1096, 1827, 2192, 2557, 2922, 3288, 3653,
)  # fmt: skip
# The intervals the RDS API accepts for Enhanced Monitoring (0: off).
RDS_MONITORING_INTERVALS = (0, 1, 5, 10, 15, 30, 60)
# EFS lifecycle transitions AWS offers (TransitionToIA), in days.
EFS_IA_TRANSITION_DAYS = (1, 7, 14, 30, 60, 90, 180, 270, 365)


def partition_of(region: str) -> str:
    """The AWS partition a region belongs to: ARNs of the stack must name it."""
    for prefix, partition in (
        ("cn-", "aws-cn"),
        ("us-gov-", "aws-us-gov"),
        ("us-isob-", "aws-iso-b"),
        ("us-iso-", "aws-iso"),
        ("eu-isoe-", "aws-iso-e"),
        ("us-isof-", "aws-iso-f"),
    ):
        if region.startswith(prefix):
            return partition
    return "aws"


def arn_partition(arn: str) -> str:
    return arn.split(":", 2)[1]


def one_of(value: int, allowed: tuple[int, ...]) -> int:
    """Validator body for numbers AWS accepts only from a fixed list."""
    if value not in allowed:
        raise ValueError(f"allowed: one of {', '.join(map(str, allowed))}")
    return value
