"""offline/mock_request.py: stable ids derived from a resource's request."""

from __future__ import annotations

from offline.mock_request import MockRequest, partition_of, stable_hex


def test_stable_hex_is_deterministic_and_as_long_as_asked() -> None:
    assert stable_hex("a", 100) == stable_hex("a", 100)
    assert len(stable_hex("a", 100)) == 100
    assert stable_hex("a", 8) != stable_hex("b", 8)


def test_a_request_names_itself_like_the_provider_would() -> None:
    named = MockRequest("aws:sns/topic:Topic", "alerts", {"name": "given"}, "eu-west-1")
    unnamed = MockRequest("aws:sns/topic:Topic", "alerts", {}, "eu-west-1")
    assert named.named(1) == "given"
    assert unnamed.named(1) == f"alerts-{unnamed.hex(1, 7)}" != unnamed.named(2)


def test_arns_and_endpoints_are_in_the_region_s_partition() -> None:
    def request(region: str) -> MockRequest:
        return MockRequest("aws:sns/topic:Topic", "alerts", {}, region)

    assert (request("eu-west-1").arn, request("eu-west-1").dns_suffix) == (
        "arn:aws",
        "amazonaws.com",
    )
    assert (request("cn-north-1").arn, request("cn-north-1").dns_suffix) == (
        "arn:aws-cn",
        "amazonaws.com.cn",
    )
    assert request("us-gov-west-1").arn == "arn:aws-us-gov"
    assert partition_of("cn-northwest-1") == "aws-cn"
