"""templates/dag-repository: the DAG repository starter's workflow, image and lint rules."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from components.pins import AIRFLOW_IMAGE
from components.settings import ImageSettings
from tests.conftest import PROJECT_ROOT
from tests.test_workflows import github_workflow_schema, load

TEMPLATE = PROJECT_ROOT / "templates" / "dag-repository"
WORKFLOW_PATH = TEMPLATE / ".github" / "workflows" / "dag-image.yml"


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    return load(WORKFLOW_PATH)


def run_names(job: dict[str, Any]) -> list[str]:
    return [step.get("run", "") or step.get("uses", "") for step in job["steps"]]


def step_named(job: dict[str, Any], prefix: str) -> dict[str, Any]:
    return next(s for s in job["steps"] if s.get("name", "").startswith(prefix))


def requirement_pin(path: Path, package: str) -> str:
    match = re.search(rf"^{package}==(\S+)$", path.read_text(), re.MULTILINE)
    assert match, f"{path} pins {package}"
    return match.group(1)


# --- the workflow -----------------------------------------------------------------------------


def test_workflow_validates_against_the_github_schema(workflow: dict[str, Any]) -> None:
    import jsonschema

    validator = jsonschema.Draft7Validator(github_workflow_schema())
    assert [e.message for e in validator.iter_errors(workflow)] == []
    assert list(validator.iter_errors({**workflow, "jobz": {}})), "the check can fail"


def test_check_jsonschema_cli_accepts_the_workflow() -> None:
    pytest.importorskip("check_jsonschema", reason="check-jsonschema not installed")
    cli = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert cli, "check-jsonschema's console script sits beside the interpreter"
    args = [cli, "--builtin-schema", "vendor.github-workflows", str(WORKFLOW_PATH)]
    result = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_job_has_permissions_a_timeout_and_pinned_actions(workflow: dict[str, Any]) -> None:
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        assert "permissions" in job and isinstance(job["timeout-minutes"], int), name
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+\.\d+\.\d+", step["uses"]), step["uses"]


def test_only_environment_jobs_outside_pull_requests_get_cloud_credentials(
    workflow: dict[str, Any],
) -> None:
    jobs = workflow["jobs"]
    with_token = {n for n, j in jobs.items() if j["permissions"].get("id-token") == "write"}
    assert with_token == {"publish", "promote-prod"}
    assert jobs["publish"]["if"] == "github.event_name == 'push'"
    assert jobs["publish"]["environment"] == "dev"
    assert jobs["promote-prod"]["if"] == "github.event_name == 'workflow_dispatch'"
    assert jobs["promote-prod"]["environment"] == "prod"
    for name, job in jobs.items():
        assert all(v in ("read", "none") or p == "id-token" for p, v in job["permissions"].items())
        assert "${{ secrets." not in str(job) or name.startswith("propose-"), name
    assert set(workflow["on"]["push"]["branches"]) == {"main"}


def test_pull_requests_get_lint_and_the_integrity_test(workflow: dict[str, Any]) -> None:
    lint = " ".join(run_names(workflow["jobs"]["lint"]))
    assert "ruff check" in lint and "ruff format --check" in lint
    integrity = workflow["jobs"]["integrity"]
    assert integrity["if"] == "github.event_name == 'pull_request'"
    assert run_names(integrity)[1:] == [
        "docker build --target test --tag dags:test .",
        "docker run --rm dags:test",
    ]


def test_the_pushed_image_is_the_tested_runtime_image(workflow: dict[str, Any]) -> None:
    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == "lint"
    steps = run_names(publish)
    build = next(i for i, s in enumerate(steps) if "--target runtime" in s)
    test = steps.index("docker run --rm dags:test")
    login = steps.index("aws-actions/amazon-ecr-login@v2.0.1")
    push = next(i for i, s in enumerate(steps) if "docker push" in s)
    assert "--target test" in steps[build] and build < test < login < push
    assert 'docker tag dags:runtime "$IMAGE"' in steps[push]
    aws = next(s for s in publish["steps"] if "configure-aws-credentials" in s.get("uses", ""))
    assert aws["with"]["role-to-assume"] == "${{ vars.AWS_ECR_PUSH_ROLE_ARN }}"


def test_the_image_tag_is_the_airflow_version_and_the_commit(
    workflow: dict[str, Any], tmp_path: Path
) -> None:
    script = step_named(workflow["jobs"]["publish"], "Immutable tag")["run"]
    output = tmp_path / "output"
    sha = "0123456789abcdef0123456789abcdef01234567"
    env = {"PATH": os.environ["PATH"], "GITHUB_SHA": sha, "GITHUB_OUTPUT": str(output)}
    subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=TEMPLATE, env=env, check=True)
    tag = output.read_text().strip().removeprefix("tag=")
    assert tag == f"{AIRFLOW_IMAGE.split(':')[1]}-0123456789ab"
    assert ImageSettings.model_validate({"tag": tag}).tag == tag, "the platform accepts it"


@pytest.mark.parametrize(
    ("tag", "accepted"),
    [("3.2.2-0123456789ab", True), ("latest", False), ("$(id)", False), ("a b", False)],
)
def test_promotion_accepts_only_a_pinned_tag(
    workflow: dict[str, Any], tag: str, accepted: bool
) -> None:
    script = step_named(workflow["jobs"]["promote-prod"], "Check the tag")["run"]
    env = {"PATH": os.environ["PATH"], "TAG": tag}
    result = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True)
    assert (result.returncode == 0) is accepted, result.stdout


def test_prod_gets_the_image_dev_runs_without_a_rebuild(workflow: dict[str, Any]) -> None:
    promote = workflow["jobs"]["promote-prod"]
    commands = " ".join(run_names(promote))
    assert "docker build" not in commands
    pull = step_named(promote, "Pull the image dev runs")
    assert pull["env"]["SOURCE"] == "${{ vars.ECR_REPOSITORY_URL_DEV }}:${{ inputs.tag }}"
    roles = [
        s["with"]["role-to-assume"]
        for s in promote["steps"]
        if "configure-aws-credentials" in s.get("uses", "")
    ]
    assert roles == ["${{ vars.AWS_ECR_PULL_ROLE_ARN_DEV }}", "${{ vars.AWS_ECR_PUSH_ROLE_ARN }}"]


@pytest.mark.parametrize(("job", "stack"), [("propose-dev", "dev"), ("propose-prod", "prod")])
def test_pull_requests_on_the_platform_use_its_own_tool(
    workflow: dict[str, Any], job: str, stack: str
) -> None:
    steps = workflow["jobs"][job]["steps"]
    token = next(s for s in steps if "create-github-app-token" in s.get("uses", ""))
    assert token["with"]["repositories"] == "${{ vars.PLATFORM_REPOSITORY_NAME }}", "one repo"
    command = steps[-1]["run"]
    assert command.startswith(f'python3 tools/propose_image_tag.py {stack} "$TAG" ')
    assert (PROJECT_ROOT / "tools" / "propose_image_tag.py").is_file()


# --- the image and the lint rules --------------------------------------------------------------


def test_dockerfile_starts_from_the_pinned_airflow_image() -> None:
    froms = re.findall(r"^FROM (\S+) AS (\S+)$", (TEMPLATE / "Dockerfile").read_text(), re.M)
    assert froms[0] == (AIRFLOW_IMAGE, "runtime")
    assert [stage for _, stage in froms] == ["runtime", "test", "release"]
    assert froms[1][0] == froms[2][0] == "runtime", "test and default target build on runtime"


def test_template_tools_are_pinned_like_the_platforms() -> None:
    assert requirement_pin(TEMPLATE / "requirements-dev.txt", "ruff") == requirement_pin(
        PROJECT_ROOT / "requirements-dev.txt", "ruff"
    )
    assert requirement_pin(TEMPLATE / "requirements-test.txt", "pytest") == requirement_pin(
        PROJECT_ROOT / "requirements-dev.txt", "pytest"
    )


def ruff(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("ruff", path=str(Path(sys.executable).parent))
    assert binary, "ruff sits beside the interpreter"
    return subprocess.run([binary, *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def test_template_passes_its_own_lint() -> None:
    for args in (("check", "."), ("format", "--check", ".")):
        result = ruff(*args, cwd=TEMPLATE)
        assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_rejects_airflow_2_dags(tmp_path: Path) -> None:
    shutil.copy(TEMPLATE / "ruff.toml", tmp_path / "ruff.toml")
    (tmp_path / "legacy.py").write_text(
        "from datetime import datetime\n\n"
        "from airflow import DAG\n"
        "from airflow.operators.python import PythonOperator\n\n"
        'with DAG("legacy", schedule_interval="@daily", start_date=datetime(2024, 1, 1)):\n'
        '    PythonOperator(task_id="t", python_callable=print)\n'
    )
    result = ruff("check", "--output-format", "concise", ".", cwd=tmp_path)
    codes = set(re.findall(r"\b(AIR\d{3})\b", result.stdout))
    assert result.returncode == 1 and {"AIR301", "AIR311", "AIR312"} <= codes, result.stdout
