"""components/broker.py: prod's managed Celery broker (ElastiCache for Valkey), Multi-AZ with
failover, TLS-only with an AUTH token, private, reachable from the cluster only, protected."""

from __future__ import annotations

import string
from urllib.parse import parse_qs, unquote, urlparse

import pytest

from components.broker import TOKEN_SPECIALS, managed_broker_url, node_zones
from components.pins import VALKEY_ENGINE_VERSION, VALKEY_PARAMETER_FAMILY
from tests.airflow.conftest import secret_data, values
from tests.conftest import ProgramRun, cached_run, random_password

GROUP = "aws:elasticache/replicationGroup:ReplicationGroup"
TOKEN = "random:index/randomPassword:RandomPassword"
# ElastiCache AUTH: printable ASCII, 16-128 long, and of the specials only these (AWS docs).
AUTH_ALLOWED = set(string.ascii_letters + string.digits + "!&#$^<>-")


def group(run: ProgramRun) -> dict:
    return run.one(GROUP).inputs


def test_prod_broker_is_multi_az_with_failover_over_distinct_zones(prod_run: ProgramRun) -> None:
    g = group(prod_run)
    assert g["engine"] == "valkey" and g["engineVersion"] == VALKEY_ENGINE_VERSION
    assert g["multiAzEnabled"] is True and g["automaticFailoverEnabled"] is True
    assert g["numCacheClusters"] >= 2
    zones = g["preferredCacheClusterAzs"]
    assert len(zones) == g["numCacheClusters"] and zones[0] != zones[1]
    assert set(zones) <= {"eu-west-1a", "eu-west-1b", "eu-west-1c"}


def test_node_zones_go_round_the_subnets_zones() -> None:
    assert node_zones(["a", "b"], 3) == ["a", "b", "a"]
    assert node_zones(["a", "b", "c"], 2) == ["a", "b"]


def test_prod_broker_encrypts_in_transit_and_at_rest_and_is_protected(
    prod_run: ProgramRun,
) -> None:
    g = group(prod_run)
    assert g["transitEncryptionEnabled"] is True and g["transitEncryptionMode"] == "required"
    assert g["atRestEncryptionEnabled"] is True
    assert "kmsKeyId" not in g, "the AWS key unless one is configured"
    assert g["snapshotRetentionLimit"] >= 1 and g["finalSnapshotIdentifier"]
    assert prod_run.one(GROUP).protect is True
    assert "authToken" in prod_run.one(GROUP).secret_paths


def test_a_configured_kms_key_encrypts_the_broker() -> None:
    key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    run = cached_run("prod", {"airflow-platform:broker": {"kmsKeyArn": key}})
    assert group(run)["kmsKeyId"] == key


def test_broker_never_evicts_queued_messages(prod_run: ProgramRun) -> None:
    """The family's default group evicts volatile keys under memory pressure."""
    params = prod_run.one("aws:elasticache/parameterGroup:ParameterGroup")
    assert params.inputs["family"] == VALKEY_PARAMETER_FAMILY
    assert {p["name"]: p["value"] for p in params.inputs["parameters"]} == {
        "maxmemory-policy": "noeviction"
    }
    assert group(prod_run)["parameterGroupName"] == prod_run.state(params)["name"]


def test_broker_lives_in_the_private_subnets_behind_a_cluster_only_group(
    prod_run: ProgramRun,
) -> None:
    subnets = prod_run.one("aws:elasticache/subnetGroup:SubnetGroup")
    assert subnets.inputs["subnetIds"] == [
        "subnet-0a1b2c3d4e5f60001",
        "subnet-0a1b2c3d4e5f60002",
        "subnet-0a1b2c3d4e5f60003",
    ]
    assert group(prod_run)["subnetGroupName"] == prod_run.state(subnets)["name"]
    sg = prod_run.one("aws:ec2/securityGroup:SecurityGroup", "broker-sg")
    rules = [
        r.inputs
        for r in prod_run.by_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
        if r.inputs["securityGroupId"] == prod_run.state(sg)["id"]
    ]
    assert len(rules) == 1 and not sg.inputs.get("ingress")
    assert rules[0]["referencedSecurityGroupId"] == "sg-0c1a2b3c4d5e6f708"
    assert (rules[0]["ipProtocol"], rules[0]["fromPort"], rules[0]["toPort"]) == (
        "tcp",
        6379,
        6379,
    )
    assert "cidrIpv4" not in rules[0]
    assert group(prod_run)["securityGroupIds"] == [prod_run.state(sg)["id"]]


def test_auth_token_charset_meets_elasticache_rules(prod_run: ProgramRun) -> None:
    token = prod_run.one(TOKEN, "broker-auth-token")
    assert 16 <= token.inputs["length"] <= 128
    assert set(token.inputs["overrideSpecial"]) <= AUTH_ALLOWED - set(string.ascii_letters)
    assert not set('@"/ ') & set(TOKEN_SPECIALS)
    for _ in range(200):  # what random generates from these inputs
        assert set(random_password(token.inputs)) <= AUTH_ALLOWED
    assert set(prod_run.state(token)["result"]) <= AUTH_ALLOWED


def test_celery_url_verifies_the_certificate_and_carries_the_token(prod_run: ProgramRun) -> None:
    url = secret_data(prod_run, "broker-url")["connection"]
    token = prod_run.state(prod_run.one(TOKEN, "broker-auth-token"))["result"]
    assert url == managed_broker_url(token, prod_run.outputs["brokerAddress"])
    parsed = urlparse("http://" + url.removeprefix("rediss://"))  # as kombu parses it
    assert url.startswith("rediss://") and parse_qs(parsed.query) == {"ssl_cert_reqs": ["required"]}
    assert unquote(parsed.password or "") == token and parsed.port == 6379
    assert parsed.hostname == prod_run.outputs["brokerAddress"]


@pytest.mark.parametrize("token", ["ab#cd", "a&b<c>d$e^f!g-h"])
def test_every_token_character_survives_the_url(token: str) -> None:
    parsed = urlparse("http://" + managed_broker_url(token, "h").removeprefix("rediss://"))
    assert unquote(parsed.password or "") == token and parsed.hostname == "h"


def test_prod_disables_the_in_cluster_redis_and_dev_names_its_storage_class(
    prod_run: ProgramRun, dev_run: ProgramRun
) -> None:
    assert values(prod_run)["redis"] == {"enabled": False}
    dev_redis = values(dev_run)["redis"]
    assert dev_redis["enabled"] is True
    assert dev_redis["persistence"]["storageClassName"] == dev_run.outputs["storageClassName"]
    assert not dev_run.by_type(GROUP), "dev keeps the chart's Redis"


def test_a_dev_stack_may_ask_for_the_managed_broker() -> None:
    run = cached_run("dev", {"airflow-platform:broker": {"type": "managed"}})
    assert group(run)["numCacheClusters"] == 2 and run.one(GROUP).protect is False
    assert values(run)["redis"] == {"enabled": False}
