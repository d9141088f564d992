"""tools/propose_image_tag.py: the DAG image's tag lands in one stack file, by pull request."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import PROJECT_ROOT, stack_file
from tools.propose_image_tag import StackFileError, propose, set_image_tag

TAG = "3.2.2-0123456789ab"
WITH_IMAGE = """config:
  airflow-platform:airflow:
    host: airflow.example.com  # public
    image:
      repository: ecr  # the program's registry
{tag_line}    dags:
      source: image
"""


def image_of(text: str) -> dict[str, str]:
    return dict(yaml.safe_load(text)["config"]["airflow-platform:airflow"]["image"])


def test_prod_stack_gets_the_new_tag_and_nothing_else() -> None:
    before = stack_file("prod").read_text()
    after = set_image_tag(before, TAG)
    assert image_of(after) == {**image_of(before), "tag": TAG}
    changed = [
        (a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b
    ]
    assert len(changed) == 1, "one line changes; every comment stays"


def test_a_trailing_comment_stays_on_the_tag_line() -> None:
    text = WITH_IMAGE.format(tag_line="      tag: 3.2.2-old  # set by CI\n")
    after = set_image_tag(text, TAG)
    assert f"      tag: {TAG}  # set by CI\n" in after
    assert image_of(after) == {"repository": "ecr", "tag": TAG}


def test_a_missing_tag_is_added_inside_the_image_block() -> None:
    after = set_image_tag(WITH_IMAGE.format(tag_line=""), TAG)
    parsed = yaml.safe_load(after)["config"]["airflow-platform:airflow"]
    assert parsed["image"] == {"repository": "ecr", "tag": TAG}
    assert parsed["dags"] == {"source": "image"}


@pytest.mark.parametrize(
    "text",
    [
        "config:\n  airflow-platform:environment: dev\n",
        "config:\n  airflow-platform:airflow:\n    host: a.example.com\n",
        "config:\n  airflow-platform:airflow:\n    image: {repository: ecr}\n",
        "config:\n  airflow-platform:airflow:\n    image:\n      tag: x\n",
    ],
    ids=["no-airflow-block", "no-image", "flow-style", "no-repository"],
)
def test_stack_files_without_an_image_repository_are_refused(text: str) -> None:
    with pytest.raises(StackFileError):
        set_image_tag(text, TAG)


def test_the_dev_example_stack_has_no_image_to_tag() -> None:
    with pytest.raises(StackFileError, match="repository"):
        set_image_tag(stack_file("dev").read_text(), TAG)


@pytest.mark.parametrize("tag", ["latest", "", "a b", "x" * 129, "-leading-dash"])
def test_floating_or_malformed_tags_are_refused(tag: str) -> None:
    with pytest.raises(ValueError, match="pinned image tag"):
        set_image_tag(stack_file("prod").read_text(), tag)


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def platform_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clone of a platform repository (bare origin) and a `gh` that records its arguments."""
    origin, checkout, bin_dir = tmp_path / "origin.git", tmp_path / "checkout", tmp_path / "bin"
    git("init", "--bare", "--initial-branch=main", str(origin), cwd=tmp_path)
    git("clone", str(origin), str(checkout), cwd=tmp_path)
    (checkout / "Pulumi.prod.yaml").write_text(stack_file("prod").read_text())
    git("add", ".", cwd=checkout)
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-m", "init", cwd=checkout)
    git("push", "origin", "main", cwd=checkout)
    bin_dir.mkdir()
    fake_gh = bin_dir / "gh"
    # `gh pr view` finds no pull request; every call is recorded.
    fake_gh.write_text(
        '#!/bin/sh\nprintf "%s\\n" "$*" >> "$(dirname "$0")/gh.log"\n'
        '[ "$2" = view ] && exit 1\nexit 0\n'
    )
    fake_gh.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return checkout


def test_propose_pushes_a_branch_and_opens_a_pull_request(platform_checkout: Path) -> None:
    summary = propose("prod", TAG, "example-org/airflow-dags@abc", root=platform_checkout)
    assert summary == f"opened a pull request setting prod's image tag to {TAG}"
    branch = f"dag-image/prod-{TAG}"
    pushed = git("show", f"origin/{branch}:Pulumi.prod.yaml", cwd=platform_checkout)
    assert image_of(pushed)["tag"] == TAG
    assert git("diff", "--name-only", "origin/main", f"origin/{branch}", cwd=platform_checkout) == (
        "Pulumi.prod.yaml\n"
    )
    calls = (platform_checkout.parent / "bin" / "gh.log").read_text().splitlines()
    assert calls[0] == f"pr view {branch} --json url", "an open pull request is reused"
    assert calls[1].startswith(f"pr create --base main --head {branch} --title prod: run")


def test_propose_is_a_no_op_when_the_stack_runs_the_tag(platform_checkout: Path) -> None:
    current = image_of(stack_file("prod").read_text())["tag"]
    assert propose("prod", current, "x", root=platform_checkout).endswith("nothing to propose")
    assert git("branch", "--all", cwd=platform_checkout).count("dag-image/") == 0


def test_cli_names_the_stack_file_on_errors() -> None:
    result = subprocess.run(
        ["python3", "tools/propose_image_tag.py", "dev", TAG, "x"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Pulumi.dev.yaml: set airflow-platform:airflow.image")
