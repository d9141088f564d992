"""Provider-like mocks: each resource gets the id and outputs its provider would return, in shape.

Random resources produce real random values honouring their inputs; AWS resources return AWS-shaped
ids, ARNs and endpoints (deterministic, so two plans of one program compare equal); Kubernetes objects
get their name and uid; invokes answer as in `offline.invokes`.
"""

from __future__ import annotations

import base64
import secrets
import string
from collections.abc import Callable, Mapping
from typing import Any

import pulumi

from offline.aws_answers import AWS_ANSWERS
from offline.invokes import ACCOUNT_ID, INVOKES
from offline.mock_request import Answer, MockRequest, stable_hex
from offline.world import SECRET_TYPE, WORLD_INVOKES, World

__all__ = ["ACCOUNT_ID", "PlatformMocks", "random_password", "stable_hex"]


def random_password(inputs: Mapping[str, Any]) -> str:
    """What pulumi_random's RandomPassword/RandomString produce for these inputs."""
    length = int(inputs.get("length", 16))
    classes: list[tuple[str, int]] = []
    if inputs.get("upper", True):
        classes.append((string.ascii_uppercase, int(inputs.get("minUpper", 0))))
    if inputs.get("lower", True):
        classes.append((string.ascii_lowercase, int(inputs.get("minLower", 0))))
    if inputs.get("numeric", inputs.get("number", True)):
        classes.append((string.digits, int(inputs.get("minNumeric", 0))))
    if inputs.get("special", True):
        specials = inputs.get("overrideSpecial") or "!@#$%&*()-_=+[]{}<>:?"
        classes.append((specials, int(inputs.get("minSpecial", 0))))
    chars = [secrets.choice(pool) for pool, minimum in classes for _ in range(minimum)]
    alphabet = "".join(pool for pool, _ in classes)
    chars += [secrets.choice(alphabet) for _ in range(length - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


def _random_password(r: MockRequest) -> Answer:
    return r.name, {
        **r.inputs,
        "result": random_password(r.inputs),
        "bcryptHash": "$2a$10$" + r.hex(1, 53),
    }


def _random_string(r: MockRequest) -> Answer:
    return r.name, {**r.inputs, "result": random_password(r.inputs)}


def _random_bytes(r: MockRequest) -> Answer:
    raw = secrets.token_bytes(int(r.inputs["length"]))
    return r.name, {**r.inputs, "base64": base64.b64encode(raw).decode(), "hex": raw.hex()}


def _random_id(r: MockRequest) -> Answer:
    # Not a secret (it names things): stable, so two plans of one program compare equal.
    raw = bytes.fromhex(r.hex(24, 2 * int(r.inputs["byteLength"])))
    b64_url = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    return b64_url, {
        **r.inputs,
        "hex": raw.hex(),
        "b64Std": base64.b64encode(raw).decode(),
        "b64Url": b64_url,
        "dec": str(int.from_bytes(raw, "big")),
    }


def _kubernetes(r: MockRequest) -> Answer:
    """Any Kubernetes object (and Helm release): id `namespace/name`, metadata gains a uid."""
    metadata = dict(r.inputs.get("metadata") or {})
    name = metadata.get("name") or r.inputs.get("name") or f"{r.name}-{r.hex(18, 8)}"
    namespace = metadata.get("namespace") or r.inputs.get("namespace")
    state = {**r.inputs}
    if metadata:
        state["metadata"] = {**metadata, "name": name, "uid": r.hex(19, 32)}
    if r.typ == "kubernetes:helm.sh/v3:Release":
        state["name"] = name
        state["status"] = {
            "name": name,
            "namespace": namespace,
            "status": "deployed",
            "version": r.inputs.get("version"),
            "chart": r.inputs.get("chart"),
            "revision": 1,
        }
    return (f"{namespace}/{name}" if namespace else name), state


_RESOURCES: dict[str, Callable[[MockRequest], Answer]] = {
    "random:index/randomPassword:RandomPassword": _random_password,
    "random:index/randomString:RandomString": _random_string,
    "random:index/randomBytes:RandomBytes": _random_bytes,
    "random:index/randomId:RandomId": _random_id,
    **AWS_ANSWERS,
}


class PlatformMocks(pulumi.runtime.Mocks):
    """Answers like AWS, Kubernetes and random would, in shape if not in substance."""

    def __init__(self, region: str = "eu-west-1", world: World | None = None) -> None:
        self.region = region
        self.world = world or World()
        self.invokes: list[tuple[str, dict[str, Any]]] = []

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict, list]:
        self.invokes.append((args.token, dict(args.args)))
        answer = INVOKES.get(args.token)
        if args.token in WORLD_INVOKES:
            answer = getattr(self.world, WORLD_INVOKES[args.token])
        if answer is None:
            raise NotImplementedError(f"the offline engine has no mock for invoke {args.token}")
        return answer(args.args, self.region), []

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict]:
        request = MockRequest(args.typ, args.name, dict(args.inputs), self.region)
        if args.resource_id and args.typ == SECRET_TYPE:  # a read (`Secret.get`)
            return args.resource_id, self.world.read_secret(args.resource_id, args.name)
        if args.typ.startswith("pulumi:providers:"):
            return f"{args.name}-provider-id", request.inputs
        answer = _RESOURCES.get(args.typ)
        if answer is None and args.typ.startswith("kubernetes:"):
            answer = _kubernetes
        if answer is None:
            return f"{args.name}-id", request.inputs
        return answer(request)
