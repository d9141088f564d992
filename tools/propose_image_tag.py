"""Propose a new Airflow image tag for one stack: edit Pulumi.<stack>.yaml, open a pull request.

    python3 tools/propose_image_tag.py dev 3.2.2-0123456789ab example-org/airflow-dags@<sha>

The DAG repository's workflow runs this from a checkout of this repository, with a token that may
push branches and open pull requests here (`GH_TOKEN`, read by the `gh` CLI). Only standard library:
the runner needs nothing installed. The edit touches the one `tag:` line and keeps every comment;
the image repository must already be set in the stack file (for example `ecr`), so a tag is never
applied to an image repository that does not have it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STACKS = ("dev", "prod")
AIRFLOW_BLOCK = "airflow-platform:airflow:"
TAG_PATTERN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")


class StackFileError(Exception):
    """The stack file has no block-style `airflow.image` with a repository to tag."""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _children(lines: list[str], parent: int) -> tuple[int, list[int]]:
    """The end of the block under lines[parent], and the indices of its direct children."""
    parent_indent = _indent(lines[parent])
    end = parent + 1
    children: list[int] = []
    child_indent = None
    while end < len(lines):
        line = lines[end]
        if line.strip() and not line.lstrip().startswith("#"):
            if _indent(line) <= parent_indent:
                break
            child_indent = child_indent or _indent(line)
            if _indent(line) == child_indent:
                children.append(end)
        end += 1
    return end, children


def _child(lines: list[str], children: list[int], key: str) -> int | None:
    return next((i for i in children if lines[i].strip().startswith(f"{key}:")), None)


def set_image_tag(text: str, tag: str) -> str:
    """The stack file with `airflow-platform:airflow` -> `image.tag` set to `tag`."""
    if not TAG_PATTERN.fullmatch(tag) or tag == "latest":
        raise ValueError(f"not a pinned image tag: {tag!r} (e.g. 3.2.2-0123456789ab)")
    lines = text.splitlines(keepends=True)
    airflow = next((i for i, line in enumerate(lines) if line.strip() == AIRFLOW_BLOCK), None)
    if airflow is None:
        raise StackFileError(f"no `{AIRFLOW_BLOCK}` block")
    _, airflow_children = _children(lines, airflow)
    image = _child(lines, airflow_children, "image")
    if image is None or lines[image].strip() != "image:":
        raise StackFileError(
            "set airflow-platform:airflow.image.repository first (block style, e.g. `image:` "
            "then `repository: ecr`)"
        )
    _, image_children = _children(lines, image)
    if _child(lines, image_children, "repository") is None:
        raise StackFileError("set airflow-platform:airflow.image.repository first (e.g. ecr)")
    tag_line = _child(lines, image_children, "tag")
    if tag_line is None:
        indent = " " * _indent(lines[image_children[0]])
        lines.insert(image_children[-1] + 1, f"{indent}tag: {tag}\n")
    else:
        indent = " " * _indent(lines[tag_line])
        comment = re.search(r"\s+#.*$", lines[tag_line].rstrip("\n"))
        lines[tag_line] = f"{indent}tag: {tag}{comment.group(0) if comment else ''}\n"
    return "".join(lines)


def propose(stack: str, tag: str, source: str, root: Path = ROOT) -> str:
    """Commit the new tag on its own branch, push it and open a pull request; returns a summary."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=root, check=True, capture_output=True, text=True)

    stack_file = root / f"Pulumi.{stack}.yaml"
    before = stack_file.read_text()
    after = set_image_tag(before, tag)
    if after == before:
        return f"{stack} already runs {tag}; nothing to propose"
    branch = f"dag-image/{stack}-{tag}"
    title = f"{stack}: run Airflow image {tag}"
    body = (
        f"Built, tested (DAG integrity) and pushed by {source}.\n\n"
        f"Merging deploys it to {stack} through the deploy workflow."
    )
    stack_file.write_text(after)
    run("git", "switch", "--create", branch)
    run("git", "add", stack_file.name)
    identity = ("-c", "user.name=dag-image", "-c", "user.email=dag-image@users.noreply.github.com")
    run("git", *identity, "commit", "--message", title, "--message", body)
    run("git", "push", "--force", "origin", branch)
    # A re-run finds its pull request open already; the push above has refreshed it.
    existing = subprocess.run(["gh", "pr", "view", branch, "--json", "url"], cwd=root)
    if existing.returncode == 0:
        return f"the pull request for {branch} is already open"
    run("gh", "pr", "create", "--base", "main", "--head", branch, "--title", title, "--body", body)
    return f"opened a pull request setting {stack}'s image tag to {tag}"


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] not in STACKS:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        stack, tag, source = argv
        print(propose(stack, tag, source))
    except (ValueError, StackFileError) as error:
        print(f"Pulumi.{argv[0]}.yaml: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
