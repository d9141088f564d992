"""components/database_monitoring.py: Enhanced Monitoring's role, Performance Insights' key."""

from __future__ import annotations

import json

from tests.conftest import ACCOUNT_ID, ProgramRun, cached_run
from tests.settings.test_valid_edge_configs import _in_partition

INSTANCE = "aws:rds/instance:Instance"
ROLE = "aws:iam/role:Role"
ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def monitoring_roles(run: ProgramRun) -> list:
    return [r for r in run.by_type(ROLE) if r.name.startswith("metadata-db")]


def test_prod_sends_os_metrics_every_minute_through_its_own_role(prod_run: ProgramRun) -> None:
    instance = prod_run.one(INSTANCE)
    role = prod_run.one(ROLE, "metadata-db-monitoring")
    attachment = prod_run.one(ATTACHMENT, "metadata-db-monitoring-policy")
    assert instance.inputs["monitoringInterval"] == 60
    assert instance.inputs["monitoringRoleArn"] == prod_run.state(role)["arn"]
    # RDS checks the role's permissions when monitoring is turned on: the policy comes first.
    assert attachment.urn in instance.dependencies
    assert attachment.inputs == {
        "role": prod_run.state(role)["name"],
        "policyArn": "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
    }
    assert monitoring_roles(prod_run) == [role], "one role, nothing else attached"
    assert [a for a in prod_run.by_type(ATTACHMENT) if a.parent == role.parent] == [attachment]


def test_only_enhanced_monitoring_of_this_account_s_instances_assumes_the_role(
    prod_run: ProgramRun,
) -> None:
    role = prod_run.one(ROLE, "metadata-db-monitoring")
    identifier = prod_run.one(INSTANCE).inputs["identifier"]
    assert json.loads(role.inputs["assumeRolePolicy"]) == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "monitoring.rds.amazonaws.com"},
                "Action": "sts:AssumeRole",
                "Condition": {
                    "StringEquals": {"aws:SourceAccount": ACCOUNT_ID},
                    "ArnLike": {
                        "aws:SourceArn": f"arn:aws:rds:eu-west-1:{ACCOUNT_ID}:db:{identifier}*"
                    },
                },
            }
        ],
    }
    assert "inlinePolicies" not in role.inputs and "managedPolicyArns" not in role.inputs


def test_dev_has_no_enhanced_monitoring(dev_run: ProgramRun) -> None:
    inputs = dev_run.one(INSTANCE).inputs
    assert inputs["monitoringInterval"] == 0
    assert "monitoringRoleArn" not in inputs
    assert monitoring_roles(dev_run) == []


def test_the_interval_and_role_follow_the_setting() -> None:
    run = cached_run("dev", {"airflow-platform:database": {"monitoringIntervalSeconds": 15}})
    role = run.one(ROLE, "metadata-db-monitoring")
    assert run.one(INSTANCE).inputs["monitoringInterval"] == 15
    assert run.one(INSTANCE).inputs["monitoringRoleArn"] == run.state(role)["arn"]


def test_aws_cn_keeps_the_global_service_principal_and_its_own_policy_arn() -> None:
    run = cached_run("prod", _in_partition("cn-north-1", "prod"))
    trust = json.loads(run.one(ROLE, "metadata-db-monitoring").inputs["assumeRolePolicy"])
    statement = trust["Statement"][0]
    # Only codedeploy, elasticmapreduce and logs take amazonaws.com.cn in aws-cn.
    assert statement["Principal"] == {"Service": "monitoring.rds.amazonaws.com"}
    assert statement["Condition"]["ArnLike"]["aws:SourceArn"].startswith(
        f"arn:aws-cn:rds:cn-north-1:{ACCOUNT_ID}:db:"
    )
    assert run.one(ATTACHMENT, "metadata-db-monitoring-policy").inputs["policyArn"] == (
        "arn:aws-cn:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
    )


def test_performance_insights_use_the_database_key_when_one_is_given() -> None:
    inputs = cached_run("prod", {"airflow-platform:database": {"kmsKeyArn": KEY}}).one(INSTANCE)
    assert inputs.inputs["performanceInsightsEnabled"] is True
    assert inputs.inputs["performanceInsightsKmsKeyId"] == KEY
    assert inputs.inputs["kmsKeyId"] == KEY


def test_performance_insights_use_the_aws_key_without_one(prod_run: ProgramRun) -> None:
    inputs = prod_run.one(INSTANCE).inputs
    assert inputs["performanceInsightsEnabled"] is True
    assert inputs["performanceInsightsRetentionPeriod"] == 7
    assert "performanceInsightsKmsKeyId" not in inputs


def test_no_insights_key_while_insights_are_off() -> None:
    inputs = cached_run("dev", {"airflow-platform:database": {"kmsKeyArn": KEY}}).one(INSTANCE)
    assert inputs.inputs["performanceInsightsEnabled"] is False
    assert "performanceInsightsKmsKeyId" not in inputs.inputs
    assert "performanceInsightsRetentionPeriod" not in inputs.inputs
