"""Class 4: KMS keys AWS would store differently (aliases) or cannot use (region, partition)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.settings.bad_input import assert_clear, one_error, section

KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab"
ALIAS_ARN = "arn:aws:kms:eu-west-1:123456789012:alias/rds"
OTHER_REGION = f"arn:aws:kms:us-east-1:123456789012:key/{KEY_ID}"
OTHER_PARTITION = f"arn:aws-cn:kms:eu-west-1:123456789012:key/{KEY_ID}"

CASES = [
    ("database", ALIAS_ARN, "not an alias (AWS stores an alias as its key's ARN"),
    ("database", "alias/rds", "not an alias"),
    ("database", KEY_ID, "the ARN of a KMS key"),
    ("storage", "arn:aws:kms:eu-west-1:123456789012:alias/aws/elasticfilesystem", "not an alias"),
    ("registry", ALIAS_ARN, "not an alias"),
    ("database", OTHER_REGION, "allowed: a key of partition aws in region eu-west-1"),
    ("storage", OTHER_REGION, "in region eu-west-1"),
    ("registry", OTHER_PARTITION, "allowed: a key of partition aws in region eu-west-1"),
]


@pytest.mark.parametrize(
    ("section_name", "arn", "rule"), CASES, ids=[f"{c[0]}:{c[1][-20:]}" for c in CASES]
)
def test_a_key_aws_would_not_keep_or_use_is_one_clear_error(
    section_name: str, arn: str, rule: str
) -> None:
    edit: dict[str, Any] = section(section_name, kmsKeyArn=arn)
    if section_name == "registry":
        edit.update(section("registry", kmsKeyArn=arn, enabled=True))
    line = one_error("dev", edit)
    assert_clear(line, f"{section_name}.kmsKeyArn", arn, rule)
