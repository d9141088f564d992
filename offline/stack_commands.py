"""The commands check over a rendered stack: every container that runs Airflow's CLI or the image's
Python, with the chart's airflow.cfg and every value the program can generate for its Secrets.

Airflow's parser is the one this venv's Airflow builds from the stack's airflow.cfg. A command
group that a provider adds (`airflow celery ...`) parses only where that provider is installed:
where it is not, those invocations are returned as unchecked, never as accepted.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from offline import airflow_cli
from offline.runner import ProgramRun
from offline.secret_samples import secret_samples
from offline.verify.commands import Parser, check_commands
from offline.verify.objects import Manifest

# Groups of Airflow's CLI that a provider adds -> the provider's module.
PROVIDER_GROUPS = {"celery": "airflow.providers.celery"}
UNCHECKED = "unchecked: "


def airflow_cfg(objects: Iterable[Manifest]) -> str:
    """The airflow.cfg the chart renders for every Airflow container."""
    for obj in objects:
        data = obj.get("data") or {}
        if obj.get("kind") == "ConfigMap" and "airflow.cfg" in data:
            return str(data["airflow.cfg"])
    raise LookupError("the render has no ConfigMap with an airflow.cfg")


def parse_python(argvs: list[list[str]]) -> list[str | None]:
    """`python -c SCRIPT`: the script compiles, as the interpreter checks before running it."""
    results: list[str | None] = []
    for argv in argvs:
        if argv[:1] != ["-c"] or len(argv) < 2:
            results.append(f"not `python -c SCRIPT`: {argv[:2]}")
            continue
        try:
            compile(argv[1], "<string>", "exec")
            results.append(None)
        except SyntaxError as error:
            results.append(f"SyntaxError: {error}")
    return results


def installed(module: str) -> bool:
    """Whether `module` (a package) is installed here, found without importing its parents:
    `find_spec("airflow.providers.x")` would import Airflow in this process (seconds of CPU,
    and Airflow's logging and AIRFLOW_HOME set-up), which only the parser's subprocess needs."""
    top, *rest = module.split(".")
    spec = importlib.util.find_spec(top)  # a top-level spec is found without an import
    locations = (spec.submodule_search_locations or []) if spec else []
    return any(Path(location, *rest, "__init__.py").is_file() for location in locations)


def missing_provider(argv: list[str]) -> str | None:
    """The provider module an argv's command group needs, when this venv lacks it."""
    module = PROVIDER_GROUPS.get(argv[0]) if argv else None
    if module is not None and not installed(module):
        return module
    return None


def airflow_parser(cfg: str, python: str | None = None) -> Parser:
    """Airflow's real parser, of this venv or of `python` (a venv with the image's providers);
    in this venv, argvs of a group whose provider is absent come back unchecked."""

    def missing(argv: list[str]) -> str | None:
        return missing_provider(argv) if python is None else None

    def parse(argvs: list[list[str]]) -> list[str | None]:
        checkable = [argv for argv in argvs if missing(argv) is None]
        answers = iter(airflow_cli.parse(cfg, checkable, python) if checkable else [])
        return [
            f"{UNCHECKED}{module} is not installed here" if module else next(answers)
            for module in map(missing, argvs)
        ]

    return parse


def parsers(objects: Iterable[Manifest], python: str | None = None) -> Mapping[str, Parser]:
    return {"airflow": airflow_parser(airflow_cfg(objects), python), "python": parse_python}


@dataclass(frozen=True)
class CommandFindings:
    rejected: list[str]  # commands a parser rejects
    unchecked: list[str]  # commands no parser here can judge (a provider is absent)


def check_stack_commands(
    objects: Sequence[Manifest], run: ProgramRun, python: str | None = None
) -> CommandFindings:
    """The check over a stack's objects (`StackRender.objects`, plus any probe) and its run,
    with Airflow's parser of this venv or of `python`."""
    findings = check_commands(objects, secret_samples(run, objects), parsers(objects, python))
    unchecked = [f for f in findings if f": {UNCHECKED}" in f]
    return CommandFindings([f for f in findings if f not in unchecked], unchecked)
