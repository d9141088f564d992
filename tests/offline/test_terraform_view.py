"""offline/terraform_view.py: the AWS resources of a run as a Terraform plan (types, snake_case
arguments, blocks as lists, maps kept, secrets and references unknown), for checkov."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from offline.terraform_view import (
    TERRAFORM_TYPES,
    UNKNOWN,
    UnmappedTypeError,
    plan_view,
    snake_case,
    terraform_values,
)
from tests.conftest import ProgramRun, cached_run


def resources(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["address"]: r for r in view["planned_values"]["root_module"]["resources"]}


def expressions(view: dict[str, Any], address: str) -> dict[str, Any]:
    found = [
        r for r in view["configuration"]["root_module"]["resources"] if r["address"] == address
    ]
    assert len(found) == 1, address
    expressions: dict[str, Any] = found[0]["expressions"]
    return expressions


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_every_aws_resource_of_the_stack_has_one_terraform_address(stack: str) -> None:
    run = cached_run(stack)
    aws = [r for r in run.registrations if r.custom and r.type.startswith("aws:")]
    view = plan_view(run.registrations)
    found = resources(view)
    assert len(found) == len(aws) > 10
    assert {(r["type"], r["name"]) for r in found.values()} == {
        (TERRAFORM_TYPES[r.type], r.name) for r in aws
    }
    assert view["format_version"] and view["terraform_version"]
    json.dumps(view)  # the tools read it as a file


def test_arguments_are_snake_case_and_blocks_lists_under_terraform_names(
    prod_run: ProgramRun,
) -> None:
    found = resources(plan_view(prod_run.registrations))
    database = found["aws_db_instance.metadata-db-instance"]["values"]
    assert database["publicly_accessible"] is False
    assert database["storage_encrypted"] is True
    assert database["multi_az"] is True
    assert database["enabled_cloudwatch_logs_exports"] == ["postgresql", "upgrade"]
    encryption = found["aws_s3_bucket_server_side_encryption_configuration.task-logs-encryption"]
    assert encryption["values"]["rule"] == [
        {"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256"}]}
    ]
    repository = found["aws_ecr_repository.image-registry-repository"]["values"]
    assert repository["image_scanning_configuration"] == [{"scan_on_push": True}]
    assert "encryption_configuration" in repository
    parameters = found["aws_db_parameter_group.metadata-db-params"]["values"]["parameter"]
    assert {"name", "value", "apply_method"} <= set(parameters[0])


def test_maps_keep_their_keys(prod_run: ProgramRun) -> None:
    found = resources(plan_view(prod_run.registrations))
    tags = found["aws_db_instance.metadata-db-instance"]["values"]["tags"]
    assert tags["airflow-platform/airflow-version"] and tags["Name"] == "airflow-platform-prod"
    alarm = found["aws_cloudwatch_metric_alarm.monitoring-rds-cpu"]["values"]
    assert alarm["dimensions"] == {"DBInstanceIdentifier": "airflow-platform-prod"}


def test_secrets_are_unknown(prod_run: ProgramRun) -> None:
    found = resources(plan_view(prod_run.registrations))
    assert found["aws_db_instance.metadata-db-instance"]["values"]["password"] is None
    broker = found["aws_elasticache_replication_group.broker-group"]["values"]
    assert broker["auth_token"] is None
    assert "[secret]" not in json.dumps(plan_view(prod_run.registrations))


def test_a_reference_is_unknown_and_recorded_in_the_configuration(prod_run: ProgramRun) -> None:
    view = plan_view(prod_run.registrations)
    address = "aws_s3_bucket_public_access_block.task-logs-public-access-block"
    block = resources(view)[address]["values"]
    assert block["bucket"] is None and block["block_public_policy"] is True
    assert expressions(view, address) == {
        "bucket": {"references": ["aws_s3_bucket.task-logs-bucket"]}
    }
    # A policy document built from the bucket's ARN stays: the checks read its statements.
    policy = resources(view)["aws_s3_bucket_policy.task-logs-tls-only"]["values"]["policy"]
    assert json.loads(policy)["Statement"]


def test_values_unknown_at_preview_are_null() -> None:
    values = terraform_values(
        {"kmsKeyId": UNKNOWN, "vpcSecurityGroupIds": ["sg-1", UNKNOWN]}, "aws_db_instance"
    )
    assert values == {"kms_key_id": None, "vpc_security_group_ids": ["sg-1", None]}


def test_snake_case_inverts_the_bridges_camel_case() -> None:
    assert snake_case("multiAz") == "multi_az"
    assert snake_case("transitionToIa") == "transition_to_ia"
    assert snake_case("ipv6CidrBlocks") == "ipv6_cidr_blocks"
    assert snake_case("bucket") == "bucket"


def test_an_unmapped_aws_type_is_refused(dev_run: ProgramRun) -> None:
    queue = dataclasses.replace(dev_run.registrations[0], type="aws:sqs/queue:Queue", custom=True)
    with pytest.raises(UnmappedTypeError, match=r"aws:sqs/queue:Queue.*TERRAFORM_TYPES"):
        plan_view([*dev_run.registrations, queue])
