"""Single sign-on for people: the API server's `webserver_config.py` for FAB's OAuth support.

The file is rendered from settings and handed to the chart as `apiServer.apiServerConfig`; the
chart mounts it only into the API server, at `$AIRFLOW_HOME/webserver_config.py`, where the FAB
auth manager loads it (`[fab] config_file`). It holds no secret: the client secret reaches the
API server as an environment variable from the operator's existing Secret and is read when the
file is loaded.
"""

from __future__ import annotations

import re
from typing import Any

from components.settings import OidcSettings

CLIENT_SECRET_ENV = "AIRFLOW_PLATFORM_OIDC_CLIENT_SECRET"
# The FAB auth manager's Flask app is mounted under /auth; FAB's OAuth callback is
# /oauth-authorized/<provider> inside it.
AUTH_PATH = "/auth"


def redirect_url(host: str, provider_name: str) -> str:
    """The redirect (callback) URL to register with the identity provider."""
    return f"https://{host}{AUTH_PATH}/oauth-authorized/{provider_name}"


def metadata_url(issuer: str) -> str:
    """OpenID Connect discovery document of an issuer (OpenID Connect Discovery 1.0, section 4)."""
    return f"{issuer.rstrip('/')}/.well-known/openid-configuration"


def python_literal(value: Any) -> str:
    """`value` as Python source that never contains '{{'.

    The chart passes `apiServerConfig` through Helm's `tpl`, which would execute a '{{' as a
    template action: user text writes '{' as the escape '\\x7b', and literals of dicts and lists
    never open two braces in a row.
    """
    if value is None or isinstance(value, bool | int):
        return repr(value)
    if isinstance(value, str):
        return repr(value).replace("{", "\\x7b")
    if isinstance(value, list):
        return "[" + ", ".join(python_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        items = (f"{python_literal(k)}: {python_literal(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    raise TypeError(f"no Python literal for {type(value).__name__}")


_PLACEHOLDER = re.compile(r"__[A-Z_]+__")
_TEMPLATE = '''\
"""Sign-in for the Airflow API server: FAB OAuth with one OpenID Connect provider.

Rendered by airflow-platform from the stack's airflow.auth settings; edits here are overwritten.
"""

import logging
import os

from flask_appbuilder.security.manager import AUTH_OAUTH

from airflow.providers.fab.auth_manager.security_manager.override import (
    FabAirflowSecurityManagerOverride,
)

log = logging.getLogger(__name__)

PROVIDER = __PROVIDER__
GROUPS_CLAIM = __GROUPS_CLAIM__
ROLE_MAPPING = __ROLE_MAPPING__
DEFAULT_ROLE = __DEFAULT_ROLE__


def _client_secret():
    secret = os.environ.get(__SECRET_ENV__)
    if not secret:
        raise RuntimeError(
            "single sign-on needs the OAuth client secret in " + __SECRET_ENV__
            + ", from key " + __SECRET_KEY__ + " of Secret " + __SECRET_NAME__
        )
    return secret


class OidcSecurityManager(FabAirflowSecurityManagerOverride):
    """Users from the provider's validated ID token: a stable user name from the subject, and
    groups from the configured claim."""

    def get_oauth_user_info(self, provider, resp):
        claims = resp.get("userinfo") or self.oauth_remotes[provider].userinfo(token=resp)
        groups = claims.get(GROUPS_CLAIM, []) if GROUPS_CLAIM else []
        if isinstance(groups, str):
            groups = [groups]
        if DEFAULT_ROLE is None and not any(group in ROLE_MAPPING for group in groups):
            log.warning("sign-in refused for subject %s: in no mapped group", claims.get("sub"))
            return {}
        return {
            "username": provider + "_" + claims["sub"],
            "email": claims.get("email", ""),
            "first_name": claims.get("given_name", ""),
            "last_name": claims.get("family_name", ""),
            "role_keys": list(groups),
        }


SECURITY_MANAGER_CLASS = OidcSecurityManager
AUTH_TYPE = AUTH_OAUTH
AUTH_USER_REGISTRATION = True
AUTH_USER_REGISTRATION_ROLE = DEFAULT_ROLE
AUTH_ROLES_MAPPING = {group: [role] for group, role in ROLE_MAPPING.items()}
AUTH_ROLES_SYNC_AT_LOGIN = __SYNC_ROLES__
OAUTH_PROVIDERS = [
    {
        "name": PROVIDER,
        "icon": "fa-key",
        "token_key": "access_token",
        "remote_app": {
            "client_id": __CLIENT_ID__,
            "client_secret": _client_secret(),
            "server_metadata_url": __METADATA_URL__,
            "client_kwargs": {"scope": __SCOPE__},
        },
    },
]
'''


def webserver_config(oidc: OidcSettings) -> str:
    """The complete `webserver_config.py` for single sign-on with `oidc`. Pure; no secret."""
    substitutions = {
        "__PROVIDER__": oidc.provider_name,
        "__GROUPS_CLAIM__": oidc.groups_claim,
        "__ROLE_MAPPING__": dict(oidc.role_mapping),
        "__DEFAULT_ROLE__": oidc.default_role,
        "__SECRET_ENV__": CLIENT_SECRET_ENV,
        "__SECRET_KEY__": oidc.client_secret.key,
        "__SECRET_NAME__": oidc.client_secret.secret_name,
        "__SYNC_ROLES__": oidc.sync_roles_at_login,
        "__CLIENT_ID__": oidc.client_id,
        "__METADATA_URL__": metadata_url(oidc.issuer),
        "__SCOPE__": " ".join(oidc.scopes),
    }
    # One pass: a substituted value that looks like a placeholder stays as it is.
    return _PLACEHOLDER.sub(lambda m: python_literal(substitutions[m.group(0)]), _TEMPLATE)


def client_secret_env(oidc: OidcSettings) -> dict[str, Any]:
    """The API server's environment entry carrying the client secret, by Secret reference."""
    ref = oidc.client_secret
    return {
        "name": CLIENT_SECRET_ENV,
        "valueFrom": {"secretKeyRef": {"name": ref.secret_name, "key": ref.key}},
    }
