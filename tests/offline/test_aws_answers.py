"""offline/aws_answers.py: AWS resources get AWS-shaped ids, ARNs and endpoints."""

from __future__ import annotations

import re

from offline.invokes import ACCOUNT_ID
from offline.runner import ProgramRun


def test_aws_resources_get_aws_shaped_ids_and_arns(prod_run: ProgramRun) -> None:
    db = prod_run.state(prod_run.one("aws:rds/instance:Instance"))
    assert re.fullmatch(r"[a-z0-9-]+\.c[0-9a-f]{11}\.eu-west-1\.rds\.amazonaws\.com", db["address"])
    assert db["arn"] == f"arn:aws:rds:eu-west-1:{ACCOUNT_ID}:db:{db['identifier']}"
    fs = prod_run.state(prod_run.one("aws:efs/fileSystem:FileSystem"))
    assert fs["arn"].startswith(f"arn:aws:elasticfilesystem:eu-west-1:{ACCOUNT_ID}:file-system/fs-")
    for sg in prod_run.by_type("aws:ec2/securityGroup:SecurityGroup"):
        assert re.fullmatch(r"sg-[0-9a-f]{17}", prod_run.mock_state[sg.urn]["arn"].split("/")[-1])
    for role in prod_run.by_type("aws:iam/role:Role"):
        assert prod_run.state(role)["arn"].startswith(f"arn:aws:iam::{ACCOUNT_ID}:role/")
