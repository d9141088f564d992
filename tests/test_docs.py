"""docs/: the guides. Every command the offline tools can run (`python3 tools/dev.py plan ...`,
`python3 tools/plan.py ...`) runs here, in order, guide by guide; every `pulumi config set --path`
names a real key with a valid value; every bash block parses; every guide is linked from the
README and every relative link resolves."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest

from components.settings import parse_settings
from offline import runner
from tests.conftest import PROJECT_ROOT, cached_run, load_stack_config
from tools import plan

DOCS = PROJECT_ROOT / "docs"
GUIDES = sorted(DOCS.glob("*.md"))
# What the guides' shell variables hold at that point (set by an earlier command of the guide).
VARIABLES = {"$LB_HOST": "k8s-traefik-1a2b3c4d5e-0123456789abcdef.elb.eu-west-1.amazonaws.com"}
_BLOCK = re.compile(r"^(?P<indent>[ ]*)```bash\n(?P<body>.*?)^(?P=indent)```", re.M | re.S)


def bash_blocks(guide: Path) -> list[str]:
    return [match.group("body") for match in _BLOCK.finditer(guide.read_text())]


def commands(block: str) -> list[str]:
    """The block's commands: continuation lines joined, `&&` chains split, comments dropped."""
    joined = re.sub(r"\\\n\s*", " ", block)
    found: list[str] = []
    for line in joined.splitlines():
        line = line.split(" # ")[0].strip()
        if line and not line.startswith("#"):
            found += [part.strip() for part in line.split("&&")]
    return found


def offline_argv(command: str) -> list[str] | None:
    """plan.py's arguments for a command the offline tools run, or None for any other."""
    words = shlex.split(command)
    if words[:3] == ["python3", "tools/dev.py", "plan"]:
        argv = words[3:] or ["dev"]
    elif words[:2] == ["python3", "tools/plan.py"]:
        argv = words[2:]
    else:
        return None
    if argv[0] != "diff" and "--out" not in argv:
        argv += ["--out", f"plan-out/{argv[0]}"]  # kept in the test's folder, not the checkout
    return argv


def config_change(command: str) -> tuple[str, dict[str, Any]] | None:
    """(stack, overrides) of `pulumi config set|rm --path KEY [VALUE] -s STACK`."""
    words = shlex.split(command)
    if words[:2] != ["pulumi", "config"] or words[3:4] != ["--path"]:
        return None
    stack = words[words.index("-s") + 1]
    if words[2] == "rm":
        return stack, plan.config_overrides([f"{words[4]}=null"])
    value = VARIABLES.get(words[5], words[5])
    return stack, plan.config_overrides([f"{words[4]}={value}"])


@pytest.fixture(autouse=True)
def _memoised_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The plans reuse the session's runs of the same config (the suite must stay fast)."""

    def run_program(stack: str, overrides: Any = None, **kwargs: Any) -> runner.ProgramRun:
        assert not kwargs.get("config_file"), "the guides use --set, not stack file copies"
        return cached_run(stack, overrides)

    monkeypatch.setattr(runner, "run_program", run_program)


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_every_offline_command_of_the_guide_runs(
    guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for block in bash_blocks(guide):
        for command in commands(block):
            argv = offline_argv(command)
            if argv is not None:
                assert plan.main(argv) == 0, command


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_every_config_change_in_the_guide_is_a_valid_setting(guide: Path) -> None:
    """The changes of a block apply together to the stack file, as a reader runs them."""
    for block in bash_blocks(guide):
        config: dict[str, dict[str, Any]] = {}
        for command in commands(block):
            found = config_change(command)
            if found is not None:
                stack, overrides = found
                config[stack] = runner.merge_config(
                    config.get(stack) or load_stack_config(stack), _nulls_deleted(overrides)
                )
        for changed in config.values():
            raw = {k.split(":", 1)[1]: v for k, v in changed.items() if ":" in k}
            raw["region"] = raw.pop("region")
            parse_settings(raw)  # raises SettingsError naming the key if the guide is wrong


def _nulls_deleted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: runner.DELETE if v is None else _nulls_deleted(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_every_bash_block_parses(guide: Path) -> None:
    for block in bash_blocks(guide):
        checked = subprocess.run(["bash", "-n"], input=block, text=True, capture_output=True)
        assert checked.returncode == 0, f"{guide.name}: {checked.stderr}\n{block}"


def test_the_guides_run_at_least_the_plans_they_promise() -> None:
    runnable = [
        command
        for guide in GUIDES
        for block in bash_blocks(guide)
        for command in commands(block)
        if offline_argv(command) is not None
    ]
    assert len(runnable) >= 15
    assert any("database.restore.snapshotIdentifier" in c for c in runnable)
    assert any("secrets.rotation.fernetKey" in c for c in runnable)


def test_every_guide_is_linked_from_the_readme_and_its_links_resolve() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text()
    for guide in GUIDES:
        assert f"(docs/{guide.name})" in readme, guide.name
        for target in re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", guide.read_text()):
            assert (guide.parent / target).resolve().is_file(), f"{guide.name} -> {target}"


def test_the_offline_commands_are_found_in_lists_and_chains() -> None:
    block = "  git stash && python3 tools/dev.py plan prod --out a && git stash pop\n"
    assert [offline_argv(c) for c in commands(block)] == [None, ["prod", "--out", "a"], None]
    assert offline_argv("python3 tools/dev.py plan") == ["dev", "--out", "plan-out/dev"]
