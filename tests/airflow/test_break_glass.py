"""components/airflow/break_glass.py: the create-user Job's values and its script. Here the script runs
against a stand-in for FAB's security manager; the integration tier runs it against a real,
migrated Airflow database."""

from __future__ import annotations

import contextlib
import json
import sys
import types
from collections.abc import Iterator
from typing import Any

import pytest

from components.airflow.break_glass import (
    PASSWORD_ENV,
    SCRIPT,
    USERNAME,
    VERSION_ANNOTATION,
    break_glass_email,
    create_user_job_values,
)
from components.settings import BreakGlassSettings
from tests.airflow.conftest import rendered, rendered_one
from tests.conftest import ProgramRun

HOST = "airflow.example.com"
RESOURCES = {"requests": {"cpu": "100m", "memory": "512Mi"}, "limits": {"memory": "1Gi"}}


def values(**settings: Any) -> dict[str, Any]:
    return create_user_job_values(
        BreakGlassSettings.model_validate(settings),
        HOST,
        "airflow-managed-admin-password",
        RESOURCES,
    )


class StandInSecurity:
    """The part of FAB's security manager the script uses, over an in-memory user table."""

    def __init__(self) -> None:
        self.users: dict[str, types.SimpleNamespace] = {}
        self.admin = types.SimpleNamespace(name="Admin")

    def find_user(self, username: str) -> Any:
        return self.users.get(username)

    def find_role(self, name: str) -> Any:
        return self.admin if name == "Admin" else None

    def add_user(
        self, username: str, first: str, last: str, email: str, role: Any, password: str
    ) -> Any:
        user = types.SimpleNamespace(
            id=len(self.users) + 1,
            username=username,
            email=email,
            roles=[role],
            active=True,
            password=password,
        )
        self.users[username] = user
        return user

    def update_user(self, user: Any) -> bool:
        return True

    def reset_password(self, user_id: int, password: str) -> bool:
        next(u for u in self.users.values() if u.id == user_id).password = password
        return True


@pytest.fixture
def run_script(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Runs SCRIPT with the Job's environment against one StandInSecurity; returns it."""
    security = StandInSecurity()

    @contextlib.contextmanager
    def application_builder() -> Iterator[Any]:
        yield types.SimpleNamespace(sm=security)

    utils = types.ModuleType("airflow.providers.fab.auth_manager.cli_commands.utils")
    utils.get_application_builder = application_builder  # type: ignore[attr-defined]
    loader = types.ModuleType("airflow.utils.providers_configuration_loader")
    loader.providers_configuration_loaded = lambda f: f  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, utils.__name__, utils)
    monkeypatch.setitem(sys.modules, loader.__name__, loader)

    def run(env: list[dict[str, Any]], secret_value: str | None) -> StandInSecurity:
        for entry in env:
            if "value" in entry:
                monkeypatch.setenv(entry["name"], entry["value"])
            elif secret_value is not None:  # what the kubelet does with the secretKeyRef
                monkeypatch.setenv(entry["name"], secret_value)
        if not any(e["name"] == PASSWORD_ENV for e in env):
            monkeypatch.delenv(PASSWORD_ENV, raising=False)
        exec(compile(SCRIPT, "break_glass.py", "exec"), {"__name__": "__main__"})
        return security

    return run


def test_job_runs_the_script_without_hooks_and_expires() -> None:
    job = values()
    assert job["enabled"] and not job["useHelmHooks"]
    assert job["ttlSecondsAfterFinished"] == 300
    assert job["args"] == ["python", "-c", SCRIPT]
    assert job["resources"] == RESOURCES


def test_the_password_travels_only_by_secret_reference() -> None:
    env = values()["env"]
    [password] = [e for e in env if e["name"] == PASSWORD_ENV]
    assert password == {
        "name": PASSWORD_ENV,
        "valueFrom": {
            "secretKeyRef": {"name": "airflow-managed-admin-password", "key": "password"}
        },
    }
    assert f'os.environ["{PASSWORD_ENV}"]' in SCRIPT
    assert values()["defaultUser"]["password"] == ""


def test_script_is_not_a_helm_template() -> None:
    # The chart passes createUserJob.args through `tpl`.
    assert "{{" not in SCRIPT


def test_rotating_the_password_changes_the_job_so_it_reruns() -> None:
    assert values()["annotations"] == {VERSION_ANNOTATION: "1"}
    assert values(passwordVersion=2)["annotations"] == {VERSION_ANNOTATION: "2"}


def test_switched_off_the_job_gets_no_password() -> None:
    env = values(enabled=False)["env"]
    assert {"name": "BREAK_GLASS_ENABLED", "value": "false"} in env
    assert all(e["name"] != PASSWORD_ENV for e in env)


def test_first_run_creates_an_active_admin(run_script: Any) -> None:
    security = run_script(values()["env"], "pw-1")
    user = security.users[USERNAME]
    assert (user.password, user.active, user.roles) == ("pw-1", True, [security.admin])
    assert user.email == break_glass_email(HOST)


def test_later_runs_update_password_role_and_reactivate(run_script: Any) -> None:
    run_script(values()["env"], "pw-1")
    security = run_script(values()["env"], "pw-1")
    user = security.users[USERNAME]
    user.active, user.roles = False, []
    security = run_script(values(passwordVersion=2)["env"], "pw-2 with 'quotes' $HOME \\ ;")
    assert len(security.users) == 1
    assert user.password == "pw-2 with 'quotes' $HOME \\ ;"
    assert user.active and user.roles == [security.admin]


def test_switched_off_deactivates_the_user(run_script: Any) -> None:
    run_script(values()["env"], "pw-1")
    security = run_script(values(enabled=False)["env"], None)
    assert not security.users[USERNAME].active


def test_the_chart_runs_the_script_unchanged_with_the_password_from_the_secret(
    any_run: ProgramRun,
) -> None:
    job = rendered_one(rendered(any_run), "Job", "airflow-create-user")
    [container] = job["spec"]["template"]["spec"]["containers"]
    # Helm's `tpl` ran over the args: the script arrives as written.
    assert container.get("command") is None
    assert container["args"] == ["python", "-c", SCRIPT]
    assert {
        "name": PASSWORD_ENV,
        "valueFrom": {
            "secretKeyRef": {"name": "airflow-managed-admin-password", "key": "password"}
        },
    } in container["env"]
    assert "helm.sh/hook" not in (job["metadata"].get("annotations") or {})
    assert job["spec"]["ttlSecondsAfterFinished"] == 300
    annotations = job["spec"]["template"]["metadata"]["annotations"]
    assert annotations[VERSION_ANNOTATION] == "1"
    assert any_run.outputs["adminPassword"] not in json.dumps(job)
