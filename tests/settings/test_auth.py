"""components/settings/auth.py: what a valid sign-in configuration is, and the errors for others."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from components.settings import FAB_ROLES, AuthSettings, parse_settings
from tests.settings.stacks import VALID_DEV, assert_rejected, prod, with_changes

OIDC: dict[str, Any] = {
    "providerName": "okta",
    "issuer": "https://example.okta.com/oauth2/default",
    "clientId": "0oa1b2c3d4e5f6g7h8i9",
    "clientSecret": {"secretName": "airflow-oidc", "key": "client-secret"},
    "scopes": ["openid", "email", "profile", "groups"],
    "groupsClaim": "groups",
    "roleMapping": {"airflow-admins": "Admin", "airflow-ops": "Op"},
    "defaultRole": "Viewer",
}


def auth(**oidc_changes: Any) -> dict[str, Any]:
    """An `airflow.auth` block with the valid OIDC settings above, some keys changed or removed
    (value None removes the key)."""
    oidc = copy.deepcopy(OIDC)
    for key, value in oidc_changes.items():
        if value is None:
            oidc.pop(key, None)
        else:
            oidc[key] = value
    return {"oidc": oidc}


def problems(raw: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        AuthSettings.model_validate(raw)
    return [(".".join(map(str, e["loc"])), e["msg"]) for e in caught.value.errors()]


def stack(auth_block: dict[str, Any]) -> dict[str, Any]:
    return with_changes(VALID_DEV, **{"airflow.auth": auth_block})


def test_full_oidc_configuration_parses() -> None:
    settings = AuthSettings.model_validate(auth())
    assert settings.oidc is not None
    assert settings.oidc.client_secret.secret_name == "airflow-oidc"
    assert settings.oidc.role_mapping == {"airflow-admins": "Admin", "airflow-ops": "Op"}
    assert settings.break_glass.enabled and settings.break_glass.password_version == 1


def test_defaults_are_password_sign_in_with_break_glass() -> None:
    settings = AuthSettings.model_validate({})
    assert settings.oidc is None
    assert settings.break_glass.enabled


def test_minimal_oidc_gets_safe_defaults() -> None:
    settings = AuthSettings.model_validate(
        auth(providerName=None, scopes=None, groupsClaim=None, roleMapping=None)
    )
    assert settings.oidc is not None
    assert settings.oidc.provider_name == "oidc"
    assert settings.oidc.scopes == ["openid", "email", "profile"]
    assert settings.oidc.client_secret.key == "client-secret"
    assert settings.oidc.sync_roles_at_login


BAD = [
    (auth(issuer="http://example.okta.com"), "oidc.issuer", "https issuer URL"),
    (auth(issuer="https://idp.example.com/?tenant=1"), "oidc.issuer", "without query"),
    (auth(issuer="https://user:pw@idp.example.com"), "oidc.issuer", "credentials"),
    (auth(clientId="has space"), "oidc.clientId", "no spaces"),
    (auth(clientSecret={"key": "k"}), "oidc.clientSecret.secretName", "required but not set"),
    (auth(clientSecret=None), "oidc.clientSecret", "required but not set"),
    (auth(clientSecret={"secretName": "Bad_Name"}), "oidc.clientSecret.secretName",
     "lowercase DNS labels"),
    (auth(clientSecret={"secretName": "s", "key": "a/b"}), "oidc.clientSecret.key", "e.g. uri"),
    (auth(scopes=["email"]), "oidc.scopes", "including openid"),
    (auth(roleMapping={"admins": "Superuser"}), "oidc.roleMapping", "'Superuser'"),
    (auth(roleMapping={"admins": "admin"}), "oidc.roleMapping", "Admin, Op, User, Viewer, Public"),
    (auth(defaultRole="Reader"), "oidc.defaultRole", "got 'Reader'"),
    (auth(groupsClaim=None), "oidc.groupsClaim", "roleMapping needs groupsClaim"),
    (auth(roleMapping=None, defaultRole=None), "oidc.defaultRole", "no user could get a role"),
    (auth(providerName="Okta"), "oidc.providerName", "lowercase"),
    (auth(clientSecrt={"secretName": "x"}), "oidc.clientSecrt", "unknown key (typo?)"),
    ({"breakGlass": {"enabled": False}}, "breakGlass.enabled", "nobody could sign in"),
    ({"breakGlass": {"passwordVersion": 0}}, "breakGlass.passwordVersion", "greater"),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "location", "rule"), BAD)
def test_bad_settings_name_the_full_key_and_the_rule(
    raw: dict[str, Any], location: str, rule: str
) -> None:
    key = "airflow-platform:airflow.auth" + (f".{location}" if location else "")
    assert_rejected(stack(raw), key, rule)


def test_rules_for_users_come_with_examples() -> None:
    for raw in (
        auth(issuer="http://x.example.com"),
        auth(roleMapping={"g": "Root"}),
        auth(roleMapping=None, defaultRole=None),
        {"breakGlass": {"enabled": False}},
    ):
        assert all("e.g." in msg for _, msg in problems(raw))


def test_break_glass_can_be_switched_off_once_sso_is_configured() -> None:
    settings = AuthSettings.model_validate({**auth(), "breakGlass": {"enabled": False}})
    assert not settings.break_glass.enabled


def test_every_airflow_role_can_be_mapped_and_be_the_default() -> None:
    for role in FAB_ROLES:
        settings = AuthSettings.model_validate(auth(roleMapping={"g": role}, defaultRole=role))
        assert settings.oidc is not None and settings.oidc.default_role == role


def test_entra_and_cognito_shapes_are_accepted() -> None:
    entra = auth(
        issuer="https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0",
        clientId="6731de76-14a6-49ae-97bc-6eba6914391e",
        roleMapping={"0b1c2d3e-aaaa-bbbb-cccc-111122223333": "Admin"},
    )
    cognito = auth(
        issuer="https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEfGhI",
        groupsClaim="cognito:groups",
        scopes=["openid", "email"],
    )
    for raw in (entra, cognito):
        assert AuthSettings.model_validate(raw).oidc is not None


def test_dev_keeps_password_sign_in_and_its_admin_out_of_the_box() -> None:
    auth_settings = parse_settings(VALID_DEV).airflow.auth
    assert auth_settings.oidc is None and auth_settings.break_glass.enabled


def test_prod_can_run_on_single_sign_on_alone() -> None:
    raw = prod(**{"airflow.auth": {**auth(), "breakGlass": {"enabled": False}}})
    auth_settings = parse_settings(raw).airflow.auth
    assert auth_settings.oidc is not None and not auth_settings.break_glass.enabled
