"""What one program run hands the data path: RDS's role and database, the Secrets, the chart values.

Passwords come either from the run's random mocks as generated, or crafted: for each RandomPassword
the program declares, every character its inputs allow, with special characters first and last
(`variant` rotates which), so every URL and file is produced by the program's own code from them.
"""

from __future__ import annotations

import contextlib
import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import offline.mocks
from components.airflow.secret_names import SecretNames
from offline.runner import ProgramRun, run_program
from tests.conftest import cached_run

SECRET = "kubernetes:core/v1:Secret"
RDS_INSTANCE = "aws:rds/instance:Instance"
RELEASE = "kubernetes:helm.sh/v3:Release"
DEFAULT_SPECIALS = "!@#$%&*()-_=+[]{}<>:?"  # pulumi_random's, when overrideSpecial is unset


def allowed_characters(inputs: Mapping[str, Any]) -> tuple[str, str]:
    """(letters and digits, specials) a RandomPassword with these inputs may produce."""
    plain = ""
    if inputs.get("upper", True):
        plain += string.ascii_uppercase
    if inputs.get("lower", True):
        plain += string.ascii_lowercase
    if inputs.get("numeric", inputs.get("number", True)):
        plain += string.digits
    specials = (
        (inputs.get("overrideSpecial") or DEFAULT_SPECIALS) if inputs.get("special", True) else ""
    )
    return plain, specials


def crafted_password(inputs: Mapping[str, Any], variant: int = 0) -> str:
    """Every allowed character once, specials (if any) also first and last, rotated by variant."""
    plain, specials = allowed_characters(inputs)
    edges = specials or plain
    first = edges[variant % len(edges)]
    last = edges[(variant + len(edges) // 2) % len(edges)]
    return first + plain + specials + last


@contextlib.contextmanager
def crafted_passwords(variant: int = 0) -> Iterator[None]:
    """The mocks' RandomPassword/RandomString answer crafted passwords while inside."""
    original = offline.mocks.random_password
    offline.mocks.random_password = lambda inputs, rng=None: crafted_password(inputs, variant)
    try:
        yield
    finally:
        offline.mocks.random_password = original


@dataclass(frozen=True)
class Deployment:
    """The pieces of one rendered stack the data path consumes."""

    stack: str
    passwords: str  # "generated" or "crafted"
    run: ProgramRun

    @property
    def label(self) -> str:
        return f"{self.stack}-{self.passwords}"

    @property
    def values(self) -> dict[str, Any]:
        return self.run.one(RELEASE, "airflow-release").inputs["values"]

    @property
    def release_name(self) -> str:
        return str(self.run.one(RELEASE, "airflow-release").inputs["name"])

    @property
    def rds(self) -> dict[str, Any]:
        """What the RDS instance is created with: username, password, dbName, port ..."""
        return self.run.one(RDS_INSTANCE).inputs

    @property
    def rds_address(self) -> str:
        return str(self.run.outputs["databaseAddress"])

    @property
    def names(self) -> SecretNames:
        return SecretNames(self.release_name)

    def secret(self, name: str) -> dict[str, str]:
        """A Kubernetes Secret's string data, by the Secret's name."""
        found = [
            r.inputs["stringData"]
            for r in self.run.by_type(SECRET)
            if r.inputs["metadata"]["name"] == name
        ]
        assert len(found) == 1, f"expected one Secret {name}, found {len(found)}"
        return dict(found[0])

    def has_secret(self, name: str) -> bool:
        return any(r.inputs["metadata"]["name"] == name for r in self.run.by_type(SECRET))


def deployment(stack: str, passwords: str, variant: int = 0) -> Deployment:
    if passwords == "generated":
        return Deployment(stack, passwords, cached_run(stack))
    with crafted_passwords(variant):
        return Deployment(stack, passwords, run_program(stack))
