"""The harness itself: mocks behave like the providers where it matters, and the monitor records."""

from __future__ import annotations

import re
import string

from tests.conftest import (
    ACCOUNT_ID,
    REDACTED,
    ProgramRun,
    helm_merge,
    random_password,
    to_pulumi_config,
)


def test_random_password_honours_length_special_and_override_special() -> None:
    specials = "!#$%"
    for _ in range(200):
        value = random_password(
            {
                "length": 32,
                "special": True,
                "overrideSpecial": specials,
                "minSpecial": 2,
                "minUpper": 1,
            }
        )
        assert len(value) == 32
        assert set(value) <= set(string.ascii_letters + string.digits + specials)
        assert sum(c in specials for c in value) >= 2
        assert any(c.isupper() for c in value)


def test_random_password_without_specials_is_alphanumeric() -> None:
    value = random_password({"length": 64, "special": False})
    assert len(value) == 64 and value.isalnum()


def test_generated_passwords_differ_between_resources(dev_run: ProgramRun) -> None:
    results = [
        dev_run.state(r)["result"]
        for r in dev_run.by_type("random:index/randomPassword:RandomPassword")
    ]
    assert len(results) >= 4
    assert len(set(results)) == len(results)


def test_random_bytes_have_the_requested_length(dev_run: ProgramRun) -> None:
    import base64

    fernet = dev_run.one("random:index/randomBytes:RandomBytes")
    state = dev_run.state(fernet)
    assert len(base64.b64decode(state["base64"])) == 32
    assert bytes.fromhex(state["hex"]) == base64.b64decode(state["base64"])


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


def test_every_invoke_answers_camel_case(dev_run: ProgramRun) -> None:
    tokens = [token for token, _ in dev_run.invokes]
    assert "aws:eks/getCluster:getCluster" in tokens
    assert "aws:index/getCallerIdentity:getCallerIdentity" in tokens
    assert "aws:index/getPartition:getPartition" in tokens
    assert "aws:ec2/getVpc:getVpc" in tokens


def test_monitor_records_options_and_dependencies(prod_run: ProgramRun) -> None:
    instance = prod_run.one("aws:rds/instance:Instance")
    assert instance.protect is True
    assert instance.parent.endswith("airflow-platform:database:Database::metadata-db")
    assert instance.provider.split("::")[-2] == "aws"
    assert "password" in instance.additional_secret_outputs
    assert instance.dependencies, "dependencies recorded"
    assert "password" in instance.secret_paths
    assert instance.redacted_inputs["password"] == REDACTED
    issuer = prod_run.one("kubernetes:cert-manager.io/v1:ClusterIssuer")
    release = prod_run.one("kubernetes:helm.sh/v3:Release", "cert-manager-release")
    assert release.urn in issuer.dependencies


def test_secret_values_are_redacted_but_kept_for_assertions(dev_run: ProgramRun) -> None:
    secret = dev_run.one("kubernetes:core/v1:Secret", "airflow-metadata")
    assert secret.redacted_inputs["stringData"] == REDACTED
    assert secret.inputs["stringData"]["connection"].startswith("postgresql://")


def test_config_is_encoded_like_the_cli() -> None:
    encoded = to_pulumi_config({"a:obj": {"x": [1]}, "a:flag": True, "a:s": "v"})
    assert encoded == {"a:obj": '{"x": [1]}', "a:flag": "true", "a:s": "v"}


def test_helm_merge_matches_helm_coalescing() -> None:
    defaults = {"a": {"b": 1, "c": 2}, "l": [1, 2], "gone": {"x": 1}}
    merged = helm_merge(defaults, {"a": {"b": 9}, "l": [3], "gone": None})
    assert merged == {"a": {"b": 9, "c": 2}, "l": [3]}


def test_mock_ids_are_deterministic_between_runs() -> None:
    from tests.conftest import run_program

    def inputs_by_urn(run: ProgramRun) -> dict[str, object]:
        return {r.urn: r.redacted_inputs for r in run.registrations}

    assert inputs_by_urn(run_program("dev")) == inputs_by_urn(run_program("dev"))
