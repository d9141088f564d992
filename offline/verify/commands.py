"""Commands: every container command that carries the program's arguments parses with them, for
any value the program can generate (a generated password may begin with `-`).

A container starts in three steps, and each is run for real here: the kubelet expands `$(VAR)` in
command and args from the container's environment; `bash -c SCRIPT ARGS` runs in a real bash,
whose `exec`ed program is a stub that records its argv; the program's own parser (Airflow's CLI,
see `offline/airflow_cli.py`) reads that argv. Secret values come from `samples`: for each
(Secret, key), values the program's generator can produce.
"""

from __future__ import annotations

import itertools
import json
import re
import string
import subprocess
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from offline.verify.objects import Manifest, PodTemplate, name_of, namespace_of, pod_templates

# (Secret or ConfigMap id "Kind/ns/name", key) -> values it may hold at runtime.
Samples = Mapping[tuple[str, str], Sequence[str]]
# program -> parses a batch of argvs (program name excluded): None when accepted, else the error.
Parser = Callable[[list[list[str]]], list[str | None]]

# pulumi_random's default special characters.
_RANDOM_SPECIALS = "!@#$%&*()-_=+[]{}<>:?"
SHELLS = ("bash", "/bin/bash", "sh", "/bin/sh")
_KUBELET_REFERENCE = re.compile(r"\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)")
# A stand-in for a program: records its own name and argv, NUL-separated, where bash can't reach.
_STUB = '#!/bin/sh\nprintf "%s\\0" "{program}" "$@" > "$ARGV_RECORD"\n'


@dataclass(frozen=True)
class Invocation:
    """What a program receives when one container starts with one choice of secret values."""

    owner: str
    container: str
    program: str
    argv: tuple[str, ...]


def kubelet_expand(text: str, env: Mapping[str, str]) -> str:
    """The kubelet's `$(VAR)` expansion: defined variables are replaced, `$$` escapes a `$`,
    anything else stays as written."""

    def replace(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        return env.get(match.group(1), match.group(0))

    return _KUBELET_REFERENCE.sub(replace, text)


def _config_values(objects: Iterable[Manifest]) -> dict[tuple[str, str], str]:
    values: dict[tuple[str, str], str] = {}
    for obj in objects:
        if obj.get("kind") in ("ConfigMap", "Secret"):
            ident = f"{obj['kind']}/{namespace_of(obj)}/{name_of(obj)}"
            for part in ("data", "stringData"):
                for key, value in (
                    (obj.get(part) or {}).items() if isinstance(obj.get(part), Mapping) else ()
                ):
                    values[(ident, key)] = str(value)
    return values


def _environments(
    pod: PodTemplate,
    container: Mapping[str, Any],
    samples: Samples,
    known: Mapping[tuple[str, str], str],
) -> Iterator[dict[str, str]]:
    """The container's environment, once per sample value of each generated secret it reads."""
    base: dict[str, str] = {}
    varying: list[tuple[str, Sequence[str]]] = []
    for env in container.get("env") or []:
        name, source = env["name"], env.get("valueFrom") or {}
        ref_kind = next((k for k in ("secretKeyRef", "configMapKeyRef") if k in source), None)
        if ref_kind is None:
            base[name] = kubelet_expand(str(env.get("value", "")), base)
            continue
        ref = source[ref_kind]
        kind = "Secret" if ref_kind == "secretKeyRef" else "ConfigMap"
        key = (f"{kind}/{pod.namespace}/{ref['name']}", ref["key"])
        if key in samples:
            varying.append((name, samples[key]))
        base[name] = known.get(key, "value")
    if not varying:
        yield base
    for name, values in varying:
        for value in values:
            yield {**base, name: value}


def _run_shell(argv: list[str], env: Mapping[str, str], stubs: Path) -> list[str] | None:
    """Run `bash -c ...` for real with stub programs; the argv (program first) it execs, if any."""
    record = stubs / "argv"
    record.unlink(missing_ok=True)
    shell_env = {**env, "PATH": str(stubs), "ARGV_RECORD": str(record), "HOME": str(stubs)}
    subprocess.run(
        ["/bin/bash", *argv[1:]], env=shell_env, capture_output=True, timeout=10, check=False
    )
    if not record.exists():
        return None
    return [arg.decode() for arg in record.read_bytes().split(b"\0")[:-1]]


def _container_argvs(
    pod: PodTemplate,
    container: Mapping[str, Any],
    samples: Samples,
    known: Mapping[tuple[str, str], str],
    stubs: Path,
) -> Iterator[list[str]]:
    """The argv (program first) the container runs, once per choice of its secret values."""
    argv = [*(container.get("command") or []), *(container.get("args") or [])]
    if not argv:
        return
    environments = _environments(pod, container, samples, known)
    if not any("$" in str(arg) for arg in argv):
        # Neither the kubelet nor a shell can put a variable's value into these arguments.
        environments = iter([next(environments)])
    for env in environments:
        expanded = [kubelet_expand(str(arg), env) for arg in argv]
        if expanded[0] in SHELLS and expanded[1:2] == ["-c"]:
            resolved = _run_shell(expanded, env, stubs)
            if resolved:
                yield resolved
        else:
            yield expanded


def invocations(
    objects: Iterable[Manifest],
    samples: Samples,
    programs: Iterable[str],
    given: Collection[Sequence[str]] | None = None,
) -> list[Invocation]:
    """Every distinct way a container of the render may start one of `programs`; with `given`,
    only containers whose command or args is one of those argument lists (the program's own)."""
    wanted = None if given is None else {tuple(argv) for argv in given}
    objects = list(objects)
    known = _config_values(objects)
    programs = tuple(programs)
    found: dict[Invocation, None] = {}
    with tempfile.TemporaryDirectory() as tmp:
        stubs = Path(tmp)
        for program in programs:
            (stubs / program).write_text(_STUB.format(program=program))
            (stubs / program).chmod(0o755)
        for pod in pod_templates(objects):
            for container in pod.containers():
                if wanted is not None and not wanted & {
                    tuple(container.get("command") or ()),
                    tuple(container.get("args") or ()),
                }:
                    continue
                for argv in _container_argvs(pod, container, samples, known, stubs):
                    if Path(argv[0]).name in programs:
                        call = Invocation(
                            pod.owner, container["name"], Path(argv[0]).name, tuple(argv[1:])
                        )
                        found[call] = None
    return list(found)


def check_commands(
    objects: Iterable[Manifest],
    samples: Samples,
    parsers: Mapping[str, Parser],
    given: Collection[Sequence[str]] | None = None,
) -> list[str]:
    """One finding per invocation its program's parser rejects."""
    calls = invocations(objects, samples, parsers, given)
    findings: list[str] = []
    for program, group in itertools.groupby(
        sorted(calls, key=lambda c: c.program), lambda c: c.program
    ):
        batch = list(group)
        for call, error in zip(batch, parsers[program]([list(c.argv) for c in batch]), strict=True):
            if error:
                findings.append(
                    f"{call.owner} container {call.container}: {program} {json.dumps(list(call.argv))}: {error}"
                )
    return sorted(set(findings))


def password_samples(inputs: Mapping[str, Any]) -> list[str]:
    """Values a pulumi_random RandomPassword with these inputs can produce that are hardest on
    a command line: one beginning with each character it may start with (every special one, and
    one of each other class), each of the full length and meeting every minimum."""
    length = int(inputs.get("length", 16))
    classes = [
        (string.ascii_uppercase, "upper", "minUpper"),
        (string.ascii_lowercase, "lower", "minLower"),
        (string.digits, "numeric", "minNumeric"),
        (str(inputs.get("overrideSpecial") or _RANDOM_SPECIALS), "special", "minSpecial"),
    ]
    enabled = [(c, flag, int(inputs.get(m, 0))) for c, flag, m in classes if inputs.get(flag, True)]
    required = "".join(chars[0] * count for chars, _, count in enabled)
    # Every special character, and one representative of each other class.
    starts = [c for chars, flag, _ in enabled for c in (chars if flag == "special" else chars[:1])]
    samples = []
    for start in starts:
        body = (required + "".join(chars[-1] for chars, _, _ in enabled) * length)[: length - 1]
        samples.append(start + body)
    return samples
