"""Builds the FAB auth manager's app as Airflow does (its `webserver_config.py` from `[fab]
config_file`, the real security manager, the metadata database) and reports what sign-in would
use. Then signs in, from the request on stdin: users by their ID-token claims, as FAB's OAuth
callback does once the provider answered (our security manager's user info, then FAB's
`auth_user_oauth`), and users by password, as the auth manager's `/auth/token` does whatever the
sign-in type (`auth_user_db`).

Prints one JSON line: the security manager's settings, its OAuth remotes and, per sign-in, the
user's name and roles (null when refused)."""

from __future__ import annotations

import json
import sys
from typing import Any

from airflow.providers.fab.auth_manager.cli_commands.utils import get_application_builder
from airflow.utils.providers_configuration_loader import providers_configuration_loaded
from flask_appbuilder import const

AUTH_TYPES = {const.AUTH_DB: "AUTH_DB", const.AUTH_OAUTH: "AUTH_OAUTH"}


def remote(app: Any) -> dict[str, Any]:
    """What authlib registered for a provider (its client, where it discovers the issuer)."""
    return {
        "client_id": app.client_id,
        "client_secret": app.client_secret,
        "server_metadata_url": app._server_metadata_url,
        "client_kwargs": app.client_kwargs,
    }


def signed_in(user: Any) -> dict[str, Any] | None:
    if user is None:
        return None
    return {"username": user.username, "roles": sorted(role.name for role in user.roles)}


def sign_in(security: Any, provider: str, claims: dict[str, Any]) -> dict[str, Any] | None:
    info = security.oauth_user_info(provider, {"userinfo": claims})
    return signed_in(security.auth_user_oauth(info, rotate_session_id=False))


@providers_configuration_loaded
def main() -> None:
    request = json.load(sys.stdin)
    with get_application_builder() as appbuilder:
        security = appbuilder.sm
        config = appbuilder.get_app.config
        report: dict[str, Any] = {
            "security_manager": type(security).__name__,
            "auth_type": AUTH_TYPES.get(security.auth_type, str(security.auth_type)),
            "user_registration": security.auth_user_registration,
            "user_registration_role": security.auth_user_registration_role,
            "roles_mapping": security.auth_roles_mapping,
            "roles_sync_at_login": security.auth_roles_sync_at_login,
            "providers": [
                {k: v for k, v in p.items() if k != "remote_app"}
                for p in config.get("OAUTH_PROVIDERS") or []
            ],
            "remotes": {
                name: remote(app)
                for name, app in (getattr(security, "oauth_remotes", {}) or {}).items()
            },
            "signed_in": [
                sign_in(security, request["provider"], claims)
                for claims in request.get("claims", [])
            ],
            "password_sign_in": [
                signed_in(security.auth_user_db(user, password, rotate_session_id=False))
                for user, password in request.get("passwords", [])
            ],
        }
    print(json.dumps(report))


main()
