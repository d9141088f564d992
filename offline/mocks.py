"""Provider-like mocks: each resource gets the id and outputs its provider would return, in shape.

Random resources produce random values honouring their inputs, drawn from a generator seeded by the
resource's URN and inputs: like the provider, which keeps a value until its inputs (keepers) change,
two runs of one program generate equal values and a rotated one (new keepers) a new value. AWS
resources return AWS-shaped ids, ARNs and endpoints (deterministic, so two plans of one program compare
equal); Kubernetes objects get their name and uid; invokes answer as in `offline.invokes`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import string
import threading
from collections.abc import Callable, Mapping
from typing import Any

import pulumi

from offline.aws_answers import AWS_ANSWERS
from offline.invokes import ACCOUNT_ID, INVOKES
from offline.mock_request import Answer, MockRequest, stable_hex
from offline.world import SECRET_TYPE, WORLD_INVOKES, World

__all__ = ["ACCOUNT_ID", "PlatformMocks", "random_password", "stable_hex"]


def random_password(inputs: Mapping[str, Any], rng: random.Random | None = None) -> str:
    """What pulumi_random's RandomPassword/RandomString produce for these inputs (drawn from
    `rng`, or from the system's generator)."""
    rng = rng or random.SystemRandom()
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
    chars = [rng.choice(pool) for pool, minimum in classes for _ in range(minimum)]
    alphabet = "".join(pool for pool, _ in classes)
    chars += [rng.choice(alphabet) for _ in range(length - len(chars))]
    rng.shuffle(chars)
    return "".join(chars)


def seeded(r: MockRequest) -> random.Random:
    """A generator for this resource: the same URN and inputs draw the same values."""
    inputs = json.dumps(r.inputs, sort_keys=True, default=repr)
    return random.Random(hashlib.sha256(f"{r.urn}\n{inputs}".encode()).digest())


def _random_password(r: MockRequest) -> Answer:
    return r.name, {
        **r.inputs,
        "result": random_password(r.inputs, seeded(r)),
        "bcryptHash": "$2a$10$" + r.hex(1, 53),
    }


def _random_string(r: MockRequest) -> Answer:
    return r.name, {**r.inputs, "result": random_password(r.inputs, seeded(r))}


def _random_bytes(r: MockRequest) -> Answer:
    raw = seeded(r).randbytes(int(r.inputs["length"]))
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
        # The URN of the resource being registered, per thread (the SDK registers from a pool).
        self._registering = threading.local()

    def registering(self, urn: str) -> None:
        """The monitor names the URN of the resource it asks `new_resource` about next."""
        self._registering.urn = urn

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict, list]:
        self.invokes.append((args.token, dict(args.args)))
        answer = INVOKES.get(args.token)
        if args.token in WORLD_INVOKES:
            answer = getattr(self.world, WORLD_INVOKES[args.token])
        if answer is None:
            raise NotImplementedError(f"the offline engine has no mock for invoke {args.token}")
        return answer(args.args, self.region), []

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict]:
        urn = getattr(self._registering, "urn", None) or f"{args.typ}::{args.name}"
        request = MockRequest(args.typ, args.name, dict(args.inputs), self.region, urn)
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
