"""Single sign-on as the API server runs it: `webserver_config.py` exactly as the chart renders and
mounts it, loaded by the real FAB auth manager (Flask-AppBuilder, the FAB provider, authlib) on
the migrated database, with the client secret in the environment as the pod gets it from the
operator's Secret. Prod's example stack, and dev both out of the box and with single sign-on
added; users then sign in with ID-token claims and get the mapped roles."""

from __future__ import annotations

import base64
import ipaddress
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from components.airflow.sign_in import CLIENT_SECRET_ENV, redirect_url
from offline.runner import load_stack_config
from tests.integration.airflow_runtime import AirflowRuntime, Finished
from tests.integration.api_server import (
    WEBSERVER_CONFIG,
    FabReport,
    api_server,
    sign_in_with_fab,
)

# Dev with single sign-on: another provider's shape (Keycloak's group paths, no default role,
# the default scopes and secret key).
DEV_OIDC: dict[str, Any] = {
    "providerName": "keycloak",
    "issuer": "https://keycloak.example.com/realms/data",
    "clientId": "airflow-dev",
    "clientSecret": {"secretName": "airflow-oidc"},
    "groupsClaim": "groups",
    "roleMapping": {"/airflow-admins": "Admin", "/airflow-users": "User"},
}
DEV_WITH_SSO = {"airflow-platform:airflow": {"auth": {"oidc": DEV_OIDC}}}
DEFAULT_SCOPES = ["openid", "email", "profile"]


def sign_ins(oidc: dict[str, Any], label: str) -> dict[str, Any]:
    """A user in the first mapped group and one in no mapped group."""
    group = next(iter(oidc["roleMapping"]))
    return {
        "provider": oidc["providerName"],
        "claims": [
            {"sub": f"{label}-mapped", "email": f"{label}-m@example.com", "groups": [group]},
            {"sub": f"{label}-stranger", "email": f"{label}-s@example.com", "groups": ["x"]},
        ],
    }


def assert_single_sign_on(report: FabReport, oidc: dict[str, Any], label: str) -> None:
    loaded, name = report.loaded, oidc["providerName"]
    default_role = oidc.get("defaultRole")
    assert loaded["security_manager"] == "OidcSecurityManager"
    assert loaded["auth_type"] == "AUTH_OAUTH"
    assert loaded["user_registration"] is True
    assert loaded["user_registration_role"] == default_role
    assert loaded["roles_mapping"] == {g: [r] for g, r in oidc["roleMapping"].items()}
    assert loaded["roles_sync_at_login"] is True
    assert [p["name"] for p in loaded["providers"]] == [name]
    client_secret = report.env[CLIENT_SECRET_ENV]
    assert client_secret.startswith("stand-in for airflow-oidc/")  # what the pod's env carries
    assert loaded["remotes"] == {
        name: {
            "client_id": oidc["clientId"],
            "client_secret": client_secret,
            "server_metadata_url": f"{oidc['issuer'].rstrip('/')}/.well-known/openid-configuration",
            "client_kwargs": {"scope": " ".join(oidc.get("scopes") or DEFAULT_SCOPES)},
        }
    }
    assert client_secret not in report.files[WEBSERVER_CONFIG]
    mapped, stranger = loaded["signed_in"]
    roles = {next(iter(oidc["roleMapping"].values())), *([default_role] if default_role else [])}
    assert mapped == {"username": f"{name}_{label}-mapped", "roles": sorted(roles)}
    # In no mapped group: the default role, or refused without one.
    assert stranger == (
        {"username": f"{name}_{label}-stranger", "roles": [default_role]} if default_role else None
    )


def only_generated(airflow: AirflowRuntime) -> None:
    """Sign-in does not depend on the passwords; the crafted ones are proven by the other tests."""
    if airflow.live.deployment.passwords != "generated":
        pytest.skip(f"{airflow.live.deployment.label}: sign-in is checked once per stack")


def stack_sso(airflow: AirflowRuntime) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """(the oidc settings, the overrides adding them) of the deployment's stack with sign-on."""
    if airflow.live.deployment.stack == "prod":
        return load_stack_config("prod")["airflow-platform:airflow"]["auth"]["oidc"], None
    return DEV_OIDC, DEV_WITH_SSO


def test_single_sign_on_as_the_api_server_loads_it(
    airflow: AirflowRuntime, migration: Finished
) -> None:
    only_generated(airflow)
    assert migration.returncode == 0, "needs the migrated database"
    deployment = airflow.live.deployment
    label = deployment.label
    if deployment.stack == "dev":
        # Dev out of the box: no webserver_config.py, FAB's password form (AUTH_DB).
        plain = sign_in_with_fab(airflow, {})
        assert WEBSERVER_CONFIG not in plain.files
        assert plain.loaded["auth_type"] == "AUTH_DB"
    oidc, overrides = stack_sso(airflow)
    report = sign_in_with_fab(airflow, sign_ins(oidc, label), overrides)
    assert_single_sign_on(report, oidc, label)
    text = report.files[WEBSERVER_CONFIG]
    assert not [s for s in deployment.run.generated_secrets() if s in text]


def test_sign_in_through_the_provider_as_a_browser_does(
    airflow: AirflowRuntime, migration: Finished
) -> None:
    """The real API server app behind uvicorn's proxy headers, the provider a stand-in on loopback.
    Through the ingress (TLS ends there; it sends X-Forwarded-Proto from a pod of the VPC) the
    browser is sent to the provider with the redirect URL the docs tell you to register; coming
    back with a code, Airflow redeems it with the client secret from the pod's environment,
    checks the ID token and signs the user in with the mapped roles."""
    only_generated(airflow)
    assert migration.returncode == 0, "needs the migrated database"
    oidc, overrides = stack_sso(airflow)
    server = api_server(airflow, overrides)
    host = airflow.live.deployment.values["ingress"]["apiServer"]["hosts"][0]["name"]
    ingress_pod = str(ipaddress.ip_network(server.env["FORWARDED_ALLOW_IPS"].split(",")[0])[10])
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"}
    group, role = next(iter(oidc["roleMapping"].items()))
    subject = f"{airflow.live.deployment.label}-browser"
    report = server.probe(
        "api_server_login",
        {
            "host": host,
            "provider": oidc["providerName"],
            "issuer": oidc["issuer"],
            "client_id": oidc["clientId"],
            "requests": [
                {"client_ip": ingress_pod, "headers": forwarded},
                {"client_ip": ingress_pod, "headers": {}},
            ],
            "claims": {"sub": subject, "email": f"{subject}@example.com", "groups": [group]},
        },
    )
    through_ingress, without_forwarding = report["start"]
    assert through_ingress["status"] == 302
    location = urlsplit(through_ingress["location"])
    query = parse_qs(location.query)
    assert f"{location.scheme}://{location.netloc}{location.path}" == (
        f"{oidc['issuer']}/v1/authorize"
    )
    callback = redirect_url(host, oidc["providerName"])
    assert query["redirect_uri"] == [callback]
    assert query["client_id"] == [oidc["clientId"]]
    assert query["response_type"] == ["code"]
    assert query["scope"] == [" ".join(oidc.get("scopes") or DEFAULT_SCOPES)]
    assert query["nonce"] and query["state"]
    # The scheme comes from the forwarded header: without it the callback would be plain http.
    assert parse_qs(urlsplit(without_forwarding["location"]).query)["redirect_uri"] == [
        callback.replace("https://", "http://", 1)
    ]
    trip = report["round_trip"]
    [token_request] = trip["token_requests"]
    credentials = f"{oidc['clientId']}:{server.env[CLIENT_SECRET_ENV]}"
    assert token_request["authorization"] == (
        "Basic " + base64.b64encode(credentials.encode()).decode()
    )
    assert parse_qs(token_request["body"])["redirect_uri"] == [callback]
    assert trip["status"] == 302 and "/login" not in trip["location"], trip
    roles = {role, *([oidc["defaultRole"]] if oidc.get("defaultRole") else [])}
    assert trip["user"] == {"active": True, "roles": sorted(roles)}
