""".github/workflows: schema-valid, least privilege, gated prod deploys, previews of both stacks."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import PROJECT_ROOT

WORKFLOWS = sorted((PROJECT_ROOT / ".github" / "workflows").glob("*.yml"))


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text())
    # YAML 1.1 reads the key `on` as True; GitHub reads it as "on".
    if True in data:
        data["on"] = data.pop(True)
    return data


def by_name(name: str) -> dict[str, Any]:
    return load(PROJECT_ROOT / ".github" / "workflows" / name)


def github_workflow_schema() -> dict[str, Any]:
    check_jsonschema = pytest.importorskip(
        "check_jsonschema", reason="check-jsonschema not installed"
    )
    vendored = (
        resources.files(check_jsonschema) / "builtin_schemas" / "vendor" / "github-workflows.json"
    )
    return json.loads(vendored.read_text())


def test_there_are_workflows() -> None:
    assert {p.name for p in WORKFLOWS} == {
        "pull-request.yml",
        "offline-plan-comment.yml",
        "deploy.yml",
    }


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_validates_against_the_github_schema(path: Path) -> None:
    import jsonschema

    schema = github_workflow_schema()
    raw = load(path)  # as GitHub parses it, with the `on` key
    errors = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(raw)]
    assert errors == []


def test_check_jsonschema_cli_accepts_every_workflow() -> None:
    import shutil
    import subprocess
    import sys

    pytest.importorskip("check_jsonschema", reason="check-jsonschema not installed")
    cli = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert cli, "check-jsonschema's console script sits beside the interpreter"
    result = subprocess.run(
        [cli, "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_can_fail() -> None:
    import jsonschema

    bad = {**by_name("deploy.yml"), "jobz": {}}
    assert list(jsonschema.Draft7Validator(github_workflow_schema()).iter_errors(bad))


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_job_has_permissions_and_a_timeout(path: Path) -> None:
    workflow = load(path)
    assert workflow.get("permissions") == {}, "default token permissions off at workflow level"
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}:{name} has no permissions block"
        assert isinstance(job.get("timeout-minutes"), int), f"{path.name}:{name} has no timeout"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_third_party_actions_are_pinned_to_a_version(path: Path) -> None:
    for job in load(path)["jobs"].values():
        for step in job.get("steps", []):
            if "uses" in step:
                ref = step["uses"].split("@", 1)[1]
                assert re.fullmatch(r"v\d+\.\d+\.\d+|[0-9a-f]{40}", ref), step["uses"]


def test_no_pull_request_job_can_write_contents() -> None:
    for path in WORKFLOWS:
        workflow = load(path)
        triggers = workflow["on"]
        if "pull_request" in triggers or "pull_request_target" in triggers:
            for name, job in workflow["jobs"].items():
                assert job["permissions"].get("contents") in (None, "read"), f"{path.name}:{name}"
    assert not any("pull_request_target" in load(p)["on"] for p in WORKFLOWS)


def test_comment_workflow_never_runs_pull_request_code() -> None:
    workflow = by_name("offline-plan-comment.yml")
    assert set(workflow["on"]) == {"workflow_run"}
    for job in workflow["jobs"].values():
        assert job["permissions"].get("contents") is None
        assert not any(step.get("uses", "").startswith("actions/checkout") for step in job["steps"])
        sticky = [s for s in job["steps"] if "sticky-pull-request-comment" in s.get("uses", "")]
        assert sticky and sticky[0]["with"]["header"], "one comment, edited in place"


def test_pull_requests_get_checks_offline_plan_and_previews_of_both_stacks() -> None:
    workflow = by_name("pull-request.yml")
    assert set(workflow["on"]) == {"pull_request"}
    jobs = workflow["jobs"]
    commands = " ".join(step.get("run", "") for step in jobs["checks"]["steps"])
    assert "tools/dev.py lint" in commands and "tools/dev.py test" in commands
    plan_script = " ".join(step.get("run", "") for step in jobs["offline-plan"]["steps"])
    assert "plan.py diff" in plan_script and "base" in plan_script
    assert "id-token" not in jobs["offline-plan"]["permissions"], "no cloud credentials: fork-safe"
    preview = jobs["preview"]
    assert preview["strategy"]["matrix"]["stack"] == ["dev", "prod"]
    pulumi = next(s for s in preview["steps"] if s.get("uses", "").startswith("pulumi/actions@"))
    assert pulumi["with"]["command"] == "preview"
    assert pulumi["with"]["diff"] is True and pulumi["with"]["comment-on-pr"] is True
    assert "vars.PULUMI_BACKEND_URL" in pulumi["with"]["cloud-url"]
    aws = next(s for s in preview["steps"] if "configure-aws-credentials" in s.get("uses", ""))
    assert "vars.AWS_PREVIEW_ROLE_ARN_PROD" in aws["with"]["role-to-assume"]
    assert preview["permissions"]["id-token"] == "write"


def test_prod_deploys_only_through_the_protected_environment() -> None:
    for path in WORKFLOWS:
        workflow = load(path)
        for name, job in workflow["jobs"].items():
            ups = [
                s
                for s in job.get("steps", [])
                if s.get("uses", "").startswith("pulumi/actions@") and s["with"]["command"] == "up"
            ]
            for step in ups:
                assert path.name == "deploy.yml", f"{path.name}:{name} deploys"
                assert set(workflow["on"]) == {"push"}
                assert workflow["on"]["push"]["branches"] == ["main"]
                assert job["environment"] == step["with"]["stack-name"]
    deploy = by_name("deploy.yml")["jobs"]
    assert deploy["deploy-prod"]["environment"] == "prod"
    assert deploy["deploy-prod"]["needs"] == "deploy-dev"


def test_deployments_of_one_stack_never_race() -> None:
    deploy = by_name("deploy.yml")["jobs"]
    for stack in ("dev", "prod"):
        concurrency = deploy[f"deploy-{stack}"]["concurrency"]
        assert concurrency == {"group": f"deploy-{stack}", "cancel-in-progress": False}


FETCH = re.compile(r'tools/dev\.py fetch-charts "\$RUNNER_TEMP/shared"')
# Steps that render the charts: the tests, and plans (not `plan.py diff`, which reads two plans).
RENDERS = re.compile(r"tools/dev\.py (test|unit|plan)\b|tools/plan\.py (?!diff)")


@pytest.mark.parametrize("job", ["checks", "offline-plan"])
def test_pull_request_jobs_render_the_charts_they_fetch(job: str) -> None:
    steps = by_name("pull-request.yml")["jobs"][job]["steps"]
    fetches = [i for i, step in enumerate(steps) if FETCH.search(step.get("run", ""))]
    renders = [i for i, step in enumerate(steps) if RENDERS.search(step.get("run", ""))]
    assert fetches and renders, f"{job}: fetches the pinned charts into $RUNNER_TEMP/shared"
    assert max(fetches) < min(renders), f"{job}: fetched before anything renders"
    for i in renders:
        env = steps[i].get("env", {})
        assert env.get("AIRFLOW_PLATFORM_SHARED") == "${{ runner.temp }}/shared", steps[i]["name"]


def test_the_offline_plan_fetches_the_base_branch_s_pins_too() -> None:
    steps = by_name("pull-request.yml")["jobs"]["offline-plan"]["steps"]
    script = " ".join(step.get("run", "") for step in steps if FETCH.search(step.get("run", "")))
    assert "--pins base/components/pins.py" in script, "a chart bump diffs against the old chart"
