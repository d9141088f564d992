"""offline/mocks.py: resources get what their providers would return, in shape."""

from __future__ import annotations

import base64
import re
import string

import pulumi
import pulumi_random as random
import pytest

from offline.mocks import PlatformMocks, random_password
from offline.runner import ProgramRun, execute, program_run


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
    fernet = dev_run.one("random:index/randomBytes:RandomBytes")
    state = dev_run.state(fernet)
    assert len(base64.b64decode(state["base64"])) == 32
    assert bytes.fromhex(state["hex"]) == base64.b64decode(state["base64"])


def test_kubernetes_objects_get_namespaced_ids_and_a_uid(dev_run: ProgramRun) -> None:
    secret = dev_run.one("kubernetes:core/v1:Secret", "airflow-metadata")
    state = dev_run.state(secret)
    assert state["id"] == "airflow/airflow-managed-metadata"
    assert re.fullmatch(r"[0-9a-f]{32}", state["metadata"]["uid"])


def test_unknown_resource_types_get_a_plain_id_and_their_inputs() -> None:
    args = pulumi.runtime.MockResourceArgs(typ="x:index:Thing", name="thing", inputs={"k": "v"})
    assert PlatformMocks().new_resource(args) == ("thing-id", {"k": "v"})


def test_an_invoke_without_a_mock_names_its_token() -> None:
    args = pulumi.runtime.MockCallArgs("aws:s3/getBucket:getBucket", {"bucket": "b"}, "")
    with pytest.raises(NotImplementedError, match="aws:s3/getBucket:getBucket"):
        PlatformMocks().call(args)


def random_values(rotation: int) -> dict[str, str]:
    """Run a small program under the mocks: two passwords (one rotated) and a key, by name."""

    def program() -> None:
        keepers = {"rotation": str(rotation)} if rotation else None
        random.RandomPassword("kept", length=24)
        random.RandomPassword("rotated", length=24, keepers=keepers)
        random.RandomBytes("key", length=32)

    execution = execute("dev", {}, program)
    assert execution.error is None
    run = program_run(execution)
    return {
        r.name: run.state(r).get("result") or run.state(r)["base64"]
        for r in run.registrations
        if r.type.startswith("random:")
    }


def test_random_values_follow_the_urn_and_inputs_like_the_provider() -> None:
    """A value stays while its inputs stay (two runs agree) and changes with its keepers."""
    first, again, rotated = random_values(0), random_values(0), random_values(1)
    assert first == again
    assert rotated["rotated"] != first["rotated"]
    assert {k: v for k, v in rotated.items() if k != "rotated"} == {
        k: v for k, v in first.items() if k != "rotated"
    }
    assert len(set(first.values())) == 3


def test_the_seed_is_the_urn_the_monitor_names() -> None:
    mocks = PlatformMocks()
    args = pulumi.runtime.MockResourceArgs(
        typ="random:index/randomPassword:RandomPassword", name="p", inputs={"length": 16}
    )
    mocks.registering("urn:pulumi:dev::p::a$random:index/randomPassword:RandomPassword::p")
    under_a = mocks.new_resource(args)[1]["result"]
    mocks.registering("urn:pulumi:dev::p::b$random:index/randomPassword:RandomPassword::p")
    assert mocks.new_resource(args)[1]["result"] != under_a
