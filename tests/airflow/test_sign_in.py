"""components/airflow/sign_in.py: the rendered webserver_config.py, executed here against stand-ins for
Flask-AppBuilder (the integration tier executes it with the real FAB provider)."""

from __future__ import annotations

import ast
import json
import sys
import types
from typing import Any

import pytest

from components.airflow.sign_in import (
    CLIENT_SECRET_ENV,
    client_secret_env,
    metadata_url,
    python_literal,
    redirect_url,
    webserver_config,
)
from components.settings import AuthSettings, OidcSettings
from tests.airflow.conftest import rendered, rendered_one, values
from tests.conftest import ProgramRun
from tests.settings.test_auth import auth

SECRET = "s3cr3t-from-the-kubernetes-secret"


def oidc(**changes: Any) -> OidcSettings:
    settings = AuthSettings.model_validate(auth(**changes)).oidc
    assert settings is not None
    return settings


class _StandInSecurityManager:
    """Plays FAB's base class: only what the rendered subclass touches."""

    def __init__(self, userinfo_endpoint: dict[str, Any] | None = None):
        self.oauth_remotes = {
            "okta": types.SimpleNamespace(userinfo=lambda token: userinfo_endpoint)
        }


@pytest.fixture
def load_config(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Executes a rendered file with FAB's two imports replaced by stand-ins; returns its names."""
    manager = types.ModuleType("flask_appbuilder.security.manager")
    manager.AUTH_OAUTH = 4  # type: ignore[attr-defined]
    override = types.ModuleType("airflow.providers.fab.auth_manager.security_manager.override")
    override.FabAirflowSecurityManagerOverride = _StandInSecurityManager  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "flask_appbuilder.security.manager", manager)
    monkeypatch.setitem(sys.modules, override.__name__, override)

    def load(text: str, env: dict[str, str] | None = None) -> dict[str, Any]:
        monkeypatch.delenv(CLIENT_SECRET_ENV, raising=False)
        for name, value in (env if env is not None else {CLIENT_SECRET_ENV: SECRET}).items():
            monkeypatch.setenv(name, value)
        namespace: dict[str, Any] = {"__name__": "webserver_config"}
        exec(compile(text, "webserver_config.py", "exec"), namespace)
        return namespace

    return load


def test_oauth_with_one_openid_provider_and_role_mapping(load_config: Any) -> None:
    config = load_config(webserver_config(oidc()))
    assert config["AUTH_TYPE"] == 4
    assert config["AUTH_USER_REGISTRATION"] is True
    assert config["AUTH_USER_REGISTRATION_ROLE"] == "Viewer"
    assert config["AUTH_ROLES_MAPPING"] == {"airflow-admins": ["Admin"], "airflow-ops": ["Op"]}
    assert config["AUTH_ROLES_SYNC_AT_LOGIN"] is True
    assert config["SECURITY_MANAGER_CLASS"].__name__ == "OidcSecurityManager"
    [provider] = config["OAUTH_PROVIDERS"]
    assert provider["name"] == "okta"
    remote = provider["remote_app"]
    assert remote["client_id"] == "0oa1b2c3d4e5f6g7h8i9"
    assert remote["client_secret"] == SECRET
    assert remote["server_metadata_url"] == (
        "https://example.okta.com/oauth2/default/.well-known/openid-configuration"
    )
    assert remote["client_kwargs"] == {"scope": "openid email profile groups"}


def test_the_file_holds_no_secret_only_where_to_find_it() -> None:
    text = webserver_config(oidc())
    assert SECRET not in text
    assert CLIENT_SECRET_ENV in text
    assert "client_secret" in text and "airflow-oidc" in text


def test_without_the_secret_the_api_server_fails_naming_it(load_config: Any) -> None:
    with pytest.raises(RuntimeError, match="client-secret of Secret airflow-oidc"):
        load_config(webserver_config(oidc()), env={})


def test_users_get_a_stable_name_and_groups_from_the_configured_claim(load_config: Any) -> None:
    config = load_config(webserver_config(oidc(groupsClaim="cognito:groups", providerName="okta")))
    manager = config["SECURITY_MANAGER_CLASS"]()
    claims = {
        "sub": "00u1",
        "email": "ada@example.com",
        "given_name": "Ada",
        "family_name": "Lovelace",
        "cognito:groups": ["airflow-ops", "other"],
        "groups": ["airflow-admins"],
    }
    info = manager.get_oauth_user_info("okta", {"userinfo": claims})
    assert info == {
        "username": "okta_00u1",
        "email": "ada@example.com",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "role_keys": ["airflow-ops", "other"],
    }


def test_claims_come_from_the_userinfo_endpoint_without_an_id_token(load_config: Any) -> None:
    config = load_config(webserver_config(oidc()))
    manager = config["SECURITY_MANAGER_CLASS"]({"sub": "7", "groups": "airflow-ops"})
    assert manager.get_oauth_user_info("okta", {"access_token": "t"})["role_keys"] == [
        "airflow-ops"
    ]


def test_without_a_default_role_a_user_in_no_mapped_group_cannot_sign_in(
    load_config: Any,
) -> None:
    config = load_config(webserver_config(oidc(defaultRole=None)))
    manager = config["SECURITY_MANAGER_CLASS"]()
    refused = manager.get_oauth_user_info("okta", {"userinfo": {"sub": "1", "groups": ["x"]}})
    admitted = manager.get_oauth_user_info(
        "okta", {"userinfo": {"sub": "2", "groups": ["airflow-ops"]}}
    )
    assert refused == {}  # FAB refuses a user without name or e-mail
    assert admitted["username"] == "okta_2"
    assert config["AUTH_USER_REGISTRATION_ROLE"] is None


def test_with_a_default_role_everyone_of_the_provider_signs_in(load_config: Any) -> None:
    config = load_config(webserver_config(oidc(groupsClaim=None, roleMapping=None)))
    manager = config["SECURITY_MANAGER_CLASS"]()
    assert manager.get_oauth_user_info("okta", {"userinfo": {"sub": "3"}})["role_keys"] == []
    assert config["AUTH_ROLES_MAPPING"] == {}


@pytest.mark.parametrize(
    "hostile",
    ["{{ .Values.fernetKey }}", "{{", "a{b}c", "__CLIENT_ID__", "'\"\\{{x", "\\x7b{"],
)
def test_user_text_survives_helm_tpl_and_python_quoting(load_config: Any, hostile: str) -> None:
    settings = oidc(roleMapping={hostile: "Admin"}, clientId="id" + hostile.replace(" ", ""))
    text = webserver_config(settings)
    # The chart runs apiServerConfig through `tpl`: '{{' would be executed as a template.
    assert "{{" not in text
    config = load_config(text)
    assert config["AUTH_ROLES_MAPPING"] == {hostile: ["Admin"]}
    assert config["OAUTH_PROVIDERS"][0]["remote_app"]["client_id"] == settings.client_id


def test_python_literal_round_trips() -> None:
    value = {"a{": ["{{", None, True, 3], "b": {"c": "}}"}}
    source = python_literal(value)
    assert "{{" not in source
    assert ast.literal_eval(source) == value


def test_redirect_and_discovery_urls() -> None:
    assert redirect_url("airflow.example.com", "okta") == (
        "https://airflow.example.com/auth/oauth-authorized/okta"
    )
    assert metadata_url("https://accounts.google.com/") == (
        "https://accounts.google.com/.well-known/openid-configuration"
    )


def test_the_api_server_gets_the_secret_by_reference() -> None:
    assert client_secret_env(oidc(clientSecret={"secretName": "idp", "key": "k"})) == {
        "name": CLIENT_SECRET_ENV,
        "valueFrom": {"secretKeyRef": {"name": "idp", "key": "k"}},
    }


def _mounts_config_map(pod_spec: dict[str, Any], name: str) -> bool:
    return any((v.get("configMap") or {}).get("name") == name for v in pod_spec.get("volumes", []))


def test_the_chart_mounts_the_file_unchanged_into_the_api_server_only(prod_run: ProgramRun) -> None:
    objects = rendered(prod_run)
    config_map = rendered_one(objects, "ConfigMap", "airflow-api-server-config")
    # Helm's `tpl` ran over it: the file arrives as rendered by the program (the chart's `|-`
    # block drops the final newline).
    expected = values(prod_run)["apiServer"]["apiServerConfig"]
    assert config_map["data"]["webserver_config.py"] == expected.rstrip("\n")
    mounting = [
        o["metadata"]["name"]
        for o in objects
        if o["kind"] in ("Deployment", "StatefulSet", "Job")
        and _mounts_config_map(o["spec"]["template"]["spec"], "airflow-api-server-config")
    ]
    assert mounting == ["airflow-api-server"]
    api_server = rendered_one(objects, "Deployment", "airflow-api-server")
    [container] = [
        c for c in api_server["spec"]["template"]["spec"]["containers"] if c["name"] == "api-server"
    ]
    assert {
        "name": CLIENT_SECRET_ENV,
        "valueFrom": {"secretKeyRef": {"name": "airflow-oidc", "key": "client-secret"}},
    } in container["env"]
    [mount] = [m for m in container["volumeMounts"] if m["name"] == "api-server-config"]
    assert mount["mountPath"] == "/opt/airflow/webserver_config.py"  # [fab] config_file


def test_no_generated_secret_in_any_rendered_config_map(any_run: ProgramRun) -> None:
    generated = any_run.generated_secrets()
    assert any_run.outputs["adminPassword"] in generated
    for obj in rendered(any_run):
        if obj["kind"] == "ConfigMap":
            text = json.dumps(obj)
            assert not [s for s in generated if s in text], obj["metadata"]["name"]
