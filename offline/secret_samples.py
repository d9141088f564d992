"""The values each Secret key of a stack may hold at runtime, for every value the program can
generate: where a key holds a generated password (as is, or percent-encoded in a URL), one value
per `password_samples` of that password's inputs, the rest of the value as the program built it.

The mocks draw one password per resource; the provider may draw any other its inputs allow, and
the command check (`offline/verify/commands.py`) must hold for all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import quote

from offline.runner import ProgramRun
from offline.verify.commands import Samples, password_samples
from offline.verify.objects import Manifest, name_of, namespace_of

GENERATED_TYPES = (
    "random:index/randomPassword:RandomPassword",
    "random:index/randomString:RandomString",
)
# How a password may appear in a value: as generated, or percent-encoded in a URL's userinfo.
_FORMS: tuple[Callable[[str], str], ...] = (
    lambda value: value,
    lambda value: quote(value, safe=""),
)


def generated_passwords(run: ProgramRun) -> list[tuple[str, Mapping[str, Any]]]:
    """(value the mocks drew, the resource's inputs) of every generated password."""
    return [
        (str(run.state(r)["result"]), r.inputs) for typ in GENERATED_TYPES for r in run.by_type(typ)
    ]


def _secret_values(objects: Iterable[Manifest]) -> Iterable[tuple[tuple[str, str], str]]:
    for obj in objects:
        if obj.get("kind") == "Secret" and isinstance(obj.get("stringData"), Mapping):
            ident = f"Secret/{namespace_of(obj)}/{name_of(obj)}"
            for key, value in obj["stringData"].items():
                yield (ident, str(key)), str(value)


def secret_samples(run: ProgramRun, objects: Iterable[Manifest]) -> Samples:
    """(Secret id, key) -> every hard value it may hold, for each key holding a generated one."""
    samples: dict[tuple[str, str], list[str]] = {}
    generated = generated_passwords(run)
    for key, value in _secret_values(objects):
        for drawn, inputs in generated:
            form = next((f for f in _FORMS if f(drawn) in value), None)
            if form is not None:
                samples[key] = [
                    value.replace(form(drawn), form(s)) for s in password_samples(inputs)
                ]
                break
    return samples
