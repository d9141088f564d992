"""The mock harness: runs the real program under `pulumi.runtime.set_mocks` and records every request.

- `PlatformMocks` answers like the providers where it matters: random resources produce real random
  values honouring their inputs, AWS resources return AWS-shaped ids, ARNs and endpoints, and every
  invoke the program makes answers with realistic camelCase results.
- `RecordingMonitor` keeps each RegisterResource request (type, name, parent, provider,
  dependencies, protect, retainOnDelete, ignoreChanges, additionalSecretOutputs, inputs with the
  paths that were secret).
- `run_program(stack, overrides)` runs `__main__.py` for a stack with that stack file's config (plus
  overrides) and returns a `ProgramRun`. `tools/plan.py` uses the same function.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import os
import runpy
import secrets
import string
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

import pulumi  # noqa: E402
from google.protobuf import json_format  # noqa: E402
from pulumi.runtime import mocks as pulumi_mocks  # noqa: E402
from pulumi.runtime import settings as runtime_settings  # noqa: E402
from pulumi.runtime.stack import run_pulumi_func  # noqa: E402
from pulumi.runtime.sync_await import _sync_await  # noqa: E402

PROJECT = "airflow-platform"
ACCOUNT_ID = "123456789012"
SECRET_SIG = "4dabf18193072939515e22adb298388d"
REDACTED = "[secret]"
DELETE = object()  # an override value that removes the key from the stack config

# The shared reference data (charts, CRD schemas, Airflow options) sits beside the checkout.
SHARED_DIR = Path(os.environ.get("AIRFLOW_PLATFORM_SHARED", PROJECT_ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """Path of a reference file in ../shared; skips the calling test, saying why, when absent."""
    path = SHARED_DIR.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"reference data {path} is absent: put the shared folder beside the checkout "
            "or set AIRFLOW_PLATFORM_SHARED"
        )
    return path


# --------------------------------------------------------------------------------------------
# Provider-like mocks
# --------------------------------------------------------------------------------------------


def _stable_hex(key: str, n: int) -> str:
    """Deterministic hex for ids and endpoints, so two renders of one program are comparable."""
    digest = ""
    counter = 0
    while len(digest) < n:
        digest += hashlib.sha256(f"{key}#{counter}".encode()).hexdigest()
        counter += 1
    return digest[:n]


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


def _cluster_result(name: str, region: str) -> dict[str, Any]:
    oidc_id = hashlib.sha1(name.encode()).hexdigest()[:32].upper()
    ca = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMvakNDQWVhZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmwKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo="
    return {
        "id": name,
        "name": name,
        "arn": f"arn:aws:eks:{region}:{ACCOUNT_ID}:cluster/{name}",
        "endpoint": f"https://{oidc_id}.gr7.{region}.eks.amazonaws.com",
        "version": "1.34",
        "platformVersion": "eks.9",
        "status": "ACTIVE",
        "roleArn": f"arn:aws:iam::{ACCOUNT_ID}:role/{name}-cluster",
        "certificateAuthorities": [{"data": ca}],
        "identities": [
            {"oidcs": [{"issuer": f"https://oidc.eks.{region}.amazonaws.com/id/{oidc_id}"}]}
        ],
        "vpcConfig": {
            "vpcId": "vpc-0a1b2c3d4e5f60718",
            "clusterSecurityGroupId": "sg-0c1a2b3c4d5e6f708",
            "securityGroupIds": [],
            "subnetIds": ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
            "endpointPrivateAccess": True,
            "endpointPublicAccess": False,
            "publicAccessCidrs": [],
        },
        "kubernetesNetworkConfigs": [{"ipFamily": "ipv4", "serviceIpv4Cidr": "172.20.0.0/16"}],
        "accessConfigs": [{"authenticationMode": "API_AND_CONFIG_MAP"}],
        "tags": {},
    }


class PlatformMocks(pulumi.runtime.Mocks):
    """Answers like AWS, Kubernetes and random would, in shape if not in substance."""

    def __init__(self, region: str = "eu-west-1") -> None:
        self.region = region
        self.invokes: list[tuple[str, dict[str, Any]]] = []

    # ----- invokes -----
    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict, list]:
        self.invokes.append((args.token, dict(args.args)))
        token = args.token
        if token == "aws:eks/getCluster:getCluster":
            return _cluster_result(args.args["name"], self.region), []
        if token == "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                "accountId": ACCOUNT_ID,
                "arn": f"arn:aws:iam::{ACCOUNT_ID}:user/deployer",
                "userId": "AIDAEXAMPLEUSERID",
                "id": ACCOUNT_ID,
            }, []
        if token == "aws:index/getPartition:getPartition":
            return {
                "id": "aws",
                "partition": "aws",
                "dnsSuffix": "amazonaws.com",
                "reverseDnsPrefix": "com.amazonaws",
            }, []
        if token == "aws:index/getRegion:getRegion":
            return {
                "id": self.region,
                "name": self.region,
                "region": self.region,
                "endpoint": f"ec2.{self.region}.amazonaws.com",
                "description": "Europe (Ireland)",
            }, []
        if token == "aws:ec2/getVpc:getVpc":
            vpc_id = args.args["id"]
            return {
                "id": vpc_id,
                "arn": f"arn:aws:ec2:{self.region}:{ACCOUNT_ID}:vpc/{vpc_id}",
                "cidrBlock": "10.42.0.0/16",
                "cidrBlockAssociations": [
                    {
                        "associationId": "vpc-cidr-assoc-1",
                        "cidrBlock": "10.42.0.0/16",
                        "state": "associated",
                    },
                    {
                        "associationId": "vpc-cidr-assoc-2",
                        "cidrBlock": "100.64.0.0/16",
                        "state": "associated",
                    },
                ],
                "default": False,
                "state": "available",
                "ownerId": ACCOUNT_ID,
                "tags": {},
            }, []
        if token == "aws:iam/getPolicyDocument:getPolicyDocument":
            return {"id": "policy", "json": _policy_document_json(args.args)}, []
        raise NotImplementedError(f"the harness has no mock for invoke {token}")

    # ----- resources -----
    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict]:
        inputs = dict(args.inputs)
        typ = args.typ
        region = self.region

        def h(purpose: int, n: int) -> str:
            return _stable_hex(f"{typ}/{args.name}/{purpose}", n)

        if typ.startswith("pulumi:providers:"):
            return f"{args.name}-provider-id", inputs
        if typ == "random:index/randomPassword:RandomPassword":
            result = random_password(inputs)
            return args.name, {
                **inputs,
                "result": result,
                "bcryptHash": "$2a$10$" + h(1, 53),
            }
        if typ == "random:index/randomString:RandomString":
            return args.name, {**inputs, "result": random_password(inputs)}
        if typ == "random:index/randomBytes:RandomBytes":
            import base64

            raw = secrets.token_bytes(int(inputs["length"]))
            return args.name, {
                **inputs,
                "base64": base64.b64encode(raw).decode(),
                "hex": raw.hex(),
            }
        if typ == "aws:rds/instance:Instance":
            ident = inputs.get("identifier") or f"{args.name}-{h(2, 7)}"
            address = f"{ident}.c{h(3, 11)}.{region}.rds.amazonaws.com"
            port = int(inputs.get("port", 5432))
            return ident, {
                **inputs,
                "identifier": ident,
                "address": address,
                "endpoint": f"{address}:{port}",
                "port": port,
                "arn": f"arn:aws:rds:{region}:{ACCOUNT_ID}:db:{ident}",
                "resourceId": "db-" + h(4, 26).upper(),
                "hostedZoneId": "Z29XKXDKYMONMX",
                "engineVersionActual": f"{inputs.get('engineVersion', '17')}.6",
                "status": "available",
            }
        if typ in (
            "aws:rds/subnetGroup:SubnetGroup",
            "aws:rds/parameterGroup:ParameterGroup",
        ):
            name = inputs.get("name") or f"{args.name}-{h(5, 7)}"
            kind = "subgrp" if "subnetGroup" in typ else "pg"
            return name, {
                **inputs,
                "name": name,
                "arn": f"arn:aws:rds:{region}:{ACCOUNT_ID}:{kind}:{name}",
            }
        if typ == "aws:ec2/securityGroup:SecurityGroup":
            sg_id = "sg-" + h(6, 17)
            return sg_id, {
                **inputs,
                "name": inputs.get("name") or f"{args.name}-{h(7, 7)}",
                "arn": f"arn:aws:ec2:{region}:{ACCOUNT_ID}:security-group/{sg_id}",
                "ownerId": ACCOUNT_ID,
            }
        if typ in (
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
        ):
            rule_id = "sgr-" + h(8, 17)
            return rule_id, {
                **inputs,
                "securityGroupRuleId": rule_id,
                "arn": f"arn:aws:ec2:{region}:{ACCOUNT_ID}:security-group-rule/{rule_id}",
            }
        if typ == "aws:efs/fileSystem:FileSystem":
            fs_id = "fs-" + h(9, 17)
            return fs_id, {
                **inputs,
                "arn": f"arn:aws:elasticfilesystem:{region}:{ACCOUNT_ID}:file-system/{fs_id}",
                "dnsName": f"{fs_id}.efs.{region}.amazonaws.com",
                "ownerId": ACCOUNT_ID,
                "numberOfMountTargets": 0,
            }
        if typ == "aws:efs/mountTarget:MountTarget":
            mt_id = "fsmt-" + h(10, 17)
            return mt_id, {
                **inputs,
                "ipAddress": f"10.42.{int(h(20, 2), 16)}.{int(h(21, 2), 16) % 240 + 4}",
                "networkInterfaceId": "eni-" + h(11, 17),
                "fileSystemArn": f"arn:aws:elasticfilesystem:{region}:{ACCOUNT_ID}:file-system/"
                f"{inputs.get('fileSystemId')}",
            }
        if typ in (
            "aws:efs/fileSystemPolicy:FileSystemPolicy",
            "aws:efs/backupPolicy:BackupPolicy",
        ):
            return str(inputs.get("fileSystemId")), inputs
        if typ == "aws:cloudwatch/logGroup:LogGroup":
            name = inputs.get("name") or f"{args.name}-{h(22, 7)}"
            return name, {
                **inputs,
                "name": name,
                "arn": f"arn:aws:logs:{region}:{ACCOUNT_ID}:log-group:{name}",
            }
        if typ == "aws:iam/role:Role":
            name = inputs.get("name") or f"{args.name}-{h(12, 7)}"
            return name, {
                **inputs,
                "name": name,
                "arn": f"arn:aws:iam::{ACCOUNT_ID}:role/{name}",
                "uniqueId": "AROA" + h(13, 17).upper(),
            }
        if typ == "aws:iam/policy:Policy":
            name = inputs.get("name") or f"{args.name}-{h(14, 7)}"
            arn = f"arn:aws:iam::{ACCOUNT_ID}:policy/{name}"
            return arn, {
                **inputs,
                "name": name,
                "arn": arn,
                "policyId": "ANPA" + h(15, 17).upper(),
            }
        if typ == "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
            return f"{inputs.get('role')}-{h(16, 8)}", inputs
        if typ == "aws:eks/addon:Addon":
            return f"{inputs['clusterName']}:{inputs['addonName']}", {
                **inputs,
                "arn": f"arn:aws:eks:{region}:{ACCOUNT_ID}:addon/{inputs['clusterName']}/"
                f"{inputs['addonName']}/{h(17, 8)}",
            }
        if typ.startswith("kubernetes:"):
            metadata = dict(inputs.get("metadata") or {})
            name = metadata.get("name") or inputs.get("name") or f"{args.name}-{h(18, 8)}"
            namespace = metadata.get("namespace") or inputs.get("namespace")
            state = {**inputs}
            if metadata:
                state["metadata"] = {**metadata, "name": name, "uid": h(19, 32)}
            if typ == "kubernetes:helm.sh/v3:Release":
                state["name"] = name
                state["status"] = {
                    "name": name,
                    "namespace": namespace,
                    "status": "deployed",
                    "version": inputs.get("version"),
                    "chart": inputs.get("chart"),
                    "revision": 1,
                }
            return (f"{namespace}/{name}" if namespace else name), state
        return f"{args.name}-id", inputs


def _policy_document_json(args: Mapping[str, Any]) -> str:
    statements = []
    for st in args.get("statements") or []:
        out: dict[str, Any] = {"Effect": st.get("effect", "Allow")}
        if st.get("actions"):
            out["Action"] = st["actions"]
        if st.get("resources"):
            out["Resource"] = st["resources"]
        statements.append(out)
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


# --------------------------------------------------------------------------------------------
# Recording monitor
# --------------------------------------------------------------------------------------------


@dataclass
class Registration:
    """One RegisterResource request, as the engine would receive it."""

    type: str
    name: str
    urn: str
    parent: str
    provider: str
    custom: bool
    dependencies: list[str]
    property_dependencies: dict[str, list[str]]
    protect: bool
    retain_on_delete: bool
    delete_before_replace: bool
    ignore_changes: list[str]
    additional_secret_outputs: list[str]
    replace_on_changes: list[str]
    inputs: dict[str, Any]
    redacted_inputs: dict[str, Any]
    secret_paths: list[str]
    custom_timeouts: dict[str, str]


def _unwrap(value: Any, path: str, secret_paths: list[str]) -> tuple[Any, Any]:
    """(plain value, value with secrets redacted) of a protobuf-JSON property value."""
    if isinstance(value, dict):
        if value.get(SECRET_SIG) == "1b47061264138c4ac30d75fd1eb44270":
            secret_paths.append(path)
            plain, _ = _unwrap(value.get("value"), path, [])
            return plain, REDACTED
        if value.get(SECRET_SIG) == "5cf8f73096256a8f31e491e813e4eb8e":  # resource reference
            return value.get("urn"), value.get("urn")
        plain_d: dict[str, Any] = {}
        red_d: dict[str, Any] = {}
        for k, v in value.items():
            plain_d[k], red_d[k] = _unwrap(v, f"{path}.{k}" if path else k, secret_paths)
        return plain_d, red_d
    if isinstance(value, list):
        pairs = [_unwrap(v, f"{path}[{i}]", secret_paths) for i, v in enumerate(value)]
        return [p for p, _ in pairs], [r for _, r in pairs]
    if isinstance(value, float) and value.is_integer():
        return int(value), int(value)
    return value, value


class RecordingMonitor(pulumi_mocks.MockMonitor):
    def __init__(self, mocks: PlatformMocks) -> None:
        super().__init__(mocks)
        self.registrations: list[Registration] = []

    def RegisterResource(self, request: Any) -> Any:
        response = super().RegisterResource(request)
        if request.type == "pulumi:pulumi:Stack":
            return response
        secret_paths: list[str] = []
        inputs, redacted = _unwrap(json_format.MessageToDict(request.object), "", secret_paths)
        timeouts = request.customTimeouts
        self.registrations.append(
            Registration(
                type=request.type,
                name=request.name,
                urn=response.urn,
                parent=request.parent,
                provider=request.provider,
                custom=request.custom,
                dependencies=list(request.dependencies),
                property_dependencies={
                    k: list(v.urns) for k, v in request.propertyDependencies.items()
                },
                protect=bool(request.protect),
                retain_on_delete=bool(request.retainOnDelete),
                delete_before_replace=bool(request.deleteBeforeReplace),
                ignore_changes=list(request.ignoreChanges),
                additional_secret_outputs=list(request.additionalSecretOutputs),
                replace_on_changes=list(request.replaceOnChanges),
                inputs=inputs,
                redacted_inputs=redacted,
                secret_paths=secret_paths,
                custom_timeouts={
                    "create": timeouts.create,
                    "update": timeouts.update,
                    "delete": timeouts.delete,
                },
            )
        )
        return response


# --------------------------------------------------------------------------------------------
# Whole-program runs
# --------------------------------------------------------------------------------------------


@dataclass
class ProgramRun:
    stack: str
    registrations: list[Registration]
    outputs: dict[str, Any]
    secret_outputs: set[str]
    invokes: list[tuple[str, dict[str, Any]]]
    mock_state: dict[str, Any] = field(default_factory=dict)

    def by_type(self, typ: str) -> list[Registration]:
        return [r for r in self.registrations if r.type == typ]

    def one(self, typ: str, name: str | None = None) -> Registration:
        found = [r for r in self.by_type(typ) if name is None or r.name == name]
        assert len(found) == 1, f"expected one {typ} {name or ''}, found {[r.name for r in found]}"
        return found[0]

    def generated_secrets(self) -> list[str]:
        """Every value the random resources generated (passwords, keys), to search for leaks."""
        found: list[str] = []
        for registration in self.registrations:
            if registration.type.startswith("random:"):
                state = self.state(registration)
                found += [state[k] for k in ("result", "base64", "hex") if k in state]
        return found

    def by_urn(self, urn: str) -> Registration:
        return next(r for r in self.registrations if r.urn == urn)

    def state(self, registration: Registration) -> dict[str, Any]:
        """The outputs the mock provider returned for a resource (e.g. generated passwords)."""
        return self.mock_state[registration.urn]

    def ancestors(self, registration: Registration) -> Iterator[Registration]:
        parent = registration.parent
        while parent:
            found = [r for r in self.registrations if r.urn == parent]
            if not found:
                return
            yield found[0]
            parent = found[0].parent

    def component_of(self, registration: Registration) -> Registration | None:
        """The nearest ancestor that is one of this project's components."""
        return next(
            (a for a in self.ancestors(registration) if a.type.startswith(f"{PROJECT}:")),
            None,
        )


def stack_file(stack: str) -> Path:
    return PROJECT_ROOT / f"Pulumi.{stack}.yaml"


def load_stack_config(stack: str, config_file: Path | None = None) -> dict[str, Any]:
    """The stack file's `config:` block as Python values."""
    data = yaml.safe_load((config_file or stack_file(stack)).read_text()) or {}
    return dict(data.get("config") or {})


def _merge(base: Any, override: Any) -> Any:
    if override is DELETE:
        return DELETE
    if isinstance(base, dict) and isinstance(override, Mapping):
        merged = dict(base)
        for k, v in override.items():
            value = _merge(merged.get(k), v)
            if value is DELETE:
                merged.pop(k, None)
            else:
                merged[k] = value
        return merged
    return copy.deepcopy(override)


def to_pulumi_config(config: Mapping[str, Any]) -> dict[str, str]:
    """Encode config values the way the Pulumi CLI hands them to a program."""
    encoded: dict[str, str] = {}
    for key, value in config.items():
        if isinstance(value, (dict, list)):
            encoded[key] = json.dumps(value)
        elif isinstance(value, bool):
            encoded[key] = "true" if value else "false"
        else:
            encoded[key] = str(value)
    return encoded


@dataclass
class Execution:
    """What one run of the program left behind, whether or not it raised."""

    stack: str
    mocks: PlatformMocks
    monitor: RecordingMonitor
    error: BaseException | None


def execute_program(
    stack: str,
    overrides: Mapping[str, Any] | None = None,
    *,
    preview: bool = False,
    config_file: Path | None = None,
) -> Execution:
    """Run __main__.py for `stack` under fresh mocks; overrides deep-merge into the stack config."""
    config = _merge(load_stack_config(stack, config_file), overrides or {})
    region = str(config.get("aws:region", "eu-west-1"))
    mocks = PlatformMocks(region=region)
    monitor = RecordingMonitor(mocks)
    runtime_settings.ROOT.set(None)
    pulumi.runtime.set_mocks(mocks, project=PROJECT, stack=stack, preview=preview, monitor=monitor)
    pulumi.runtime.set_all_config(to_pulumi_config(config))

    def program() -> None:
        runpy.run_path(str(PROJECT_ROOT / "__main__.py"), run_name="__main__")

    try:
        _sync_await(run_pulumi_func(program))
    except Exception as error:
        return Execution(stack, mocks, monitor, error)
    return Execution(stack, mocks, monitor, None)


def run_program(
    stack: str,
    overrides: Mapping[str, Any] | None = None,
    *,
    preview: bool = False,
    config_file: Path | None = None,
) -> ProgramRun:
    """Run the whole program for a stack as a user would deploy it; raises what it raises."""
    execution = execute_program(stack, overrides, preview=preview, config_file=config_file)
    if execution.error is not None:
        raise execution.error
    root = runtime_settings.get_root_resource()
    outputs: dict[str, Any] = {}
    secret_outputs: set[str] = set()
    for name, value in getattr(root, "outputs", {}).items():
        output = pulumi.Output.from_input(value)
        outputs[name] = _sync_await(output.future())
        if _sync_await(output.is_secret()):
            secret_outputs.add(name)
    monitor = execution.monitor
    return ProgramRun(
        stack=stack,
        registrations=list(monitor.registrations),
        outputs=outputs,
        secret_outputs=secret_outputs,
        invokes=list(execution.mocks.invokes),
        mock_state={urn: {**reg.state, "id": reg.id} for urn, reg in monitor.resources.items()},
    )


_RUN_CACHE: dict[tuple[str, str], ProgramRun] = {}


def cached_run(stack: str, overrides: Mapping[str, Any] | None = None) -> ProgramRun:
    """run_program, memoised: most tests read the same two deployments."""
    key = (stack, json.dumps(overrides or {}, sort_keys=True, default=repr))
    if key not in _RUN_CACHE:
        _RUN_CACHE[key] = run_program(stack, overrides)
    return _RUN_CACHE[key]


@pytest.fixture(scope="session")
def dev_run() -> ProgramRun:
    return cached_run("dev")


@pytest.fixture(scope="session")
def prod_run() -> ProgramRun:
    return cached_run("prod")


@pytest.fixture(params=["dev", "prod"])
def any_run(request: pytest.FixtureRequest) -> ProgramRun:
    return cached_run(request.param)


# --------------------------------------------------------------------------------------------
# Reference checks: chart schemas, CRD schemas, Airflow's option list
# --------------------------------------------------------------------------------------------


def helm_merge(defaults: Any, overrides: Any) -> Any:
    """Helm's coalescing of user values over chart defaults: maps merge, null deletes a key,
    anything else (lists included) replaces."""
    if isinstance(defaults, dict) and isinstance(overrides, Mapping):
        merged = dict(defaults)
        for key, value in overrides.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = helm_merge(defaults.get(key), value)
        return merged
    return copy.deepcopy(overrides)


def chart_file(chart: str, name: str) -> Path:
    return shared_path("charts", chart, name)


@functools.cache
def _chart_reference(chart: str) -> tuple[dict[str, Any], dict[str, Any], Any]:
    import jsonschema

    schema = json.loads(chart_file(chart, "values.schema.json").read_text())
    defaults = yaml.load(chart_file(chart, "values.yaml").read_text(), Loader=_YamlLoader) or {}
    return schema, defaults, jsonschema.Draft7Validator(schema)


_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def chart_defaults(chart: str) -> dict[str, Any]:
    return copy.deepcopy(_chart_reference(chart)[1])


def chart_schema_errors(chart: str, values: Mapping[str, Any]) -> list[str]:
    """Errors Helm would report: the chart's schema against its defaults merged with `values`."""
    schema, defaults, validator = _chart_reference(chart)
    merged = helm_merge(defaults, values)
    errors = [
        f"{'.'.join(str(p) for p in error.absolute_path) or '<root>'}: {error.message[:300]}"
        for error in validator.iter_errors(merged)
    ]
    # Some charts' schemas accept any top-level key, so Helm silently ignores a typo there.
    known = set(schema.get("properties", {})) | set(defaults)
    errors += [f"{key}: not a value this chart reads" for key in values if key not in known]
    return errors


def crd_schema_errors(schema_file: str, manifest: Mapping[str, Any]) -> list[str]:
    import jsonschema

    schema = json.loads(shared_path("crd-schemas", schema_file).read_text())
    validator = jsonschema.Draft7Validator(schema)
    return [
        f"{'.'.join(str(p) for p in error.absolute_path) or '<root>'}: {error.message[:300]}"
        for error in validator.iter_errors(manifest)
    ]


def airflow_options() -> dict[str, Any]:
    return json.loads(shared_path("airflow-config", "options.json").read_text())
