"""Sign-in settings (`airflow.auth`): single sign-on with an OpenID Connect provider, and the
break-glass admin that can sign in when the provider cannot."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from pydantic import Field, StrictBool, field_validator, model_validator

from components.settings.errors import cross_field
from components.settings.types import ConfigModel, DnsSubdomain, SecretKey

# The roles Airflow's FAB auth manager creates (and keeps in sync) on every start.
FAB_ROLES = ("Admin", "Op", "User", "Viewer", "Public")

_PROVIDER_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
_CLIENT_ID = re.compile(r"^\S{1,255}$")
_CLAIM = re.compile(r"^[!-~]{1,128}$")
# RFC 6749 scope-token: printable ASCII except space, '"' and '\'.
_SCOPE = re.compile(r"^[!#-\[\]-~]{1,128}$")


def _role(value: str | None, what: str) -> str | None:
    if value is not None and value not in FAB_ROLES:
        raise ValueError(
            f"allowed: {what} one of Airflow's roles {', '.join(FAB_ROLES)}, e.g. Viewer"
        )
    return value


class ClientSecretRef(ConfigModel):
    secret_name: DnsSubdomain = Field(
        description="Existing Kubernetes Secret in the Airflow namespace holding the OAuth "
        "client secret, e.g. airflow-oidc. Its value never enters the program or its state."
    )
    key: SecretKey = Field(default="client-secret", description="Key in that Secret.")


class OidcSettings(ConfigModel):
    provider_name: str = Field(
        default="oidc",
        description="Name of the provider in Airflow: the sign-in button, the redirect URL "
        "https://<host>/auth/oauth-authorized/<providerName> and the prefix of user names.",
    )
    issuer: str = Field(
        description="The provider's issuer URL (https); its /.well-known/openid-configuration "
        "is read at sign-in, e.g. https://example.okta.com/oauth2/default."
    )
    client_id: str = Field(description="OAuth client (application) id registered for Airflow.")
    client_secret: ClientSecretRef = Field(description="Where the client secret is kept.")
    scopes: list[str] = Field(
        default_factory=lambda: ["openid", "email", "profile"],
        description="Scopes requested; must include openid. Okta needs 'groups' for groups.",
    )
    groups_claim: str | None = Field(
        default=None,
        description="ID token claim listing the user's groups, e.g. groups or cognito:groups.",
    )
    role_mapping: dict[str, str] = Field(
        default_factory=dict,
        description="Group (as it appears in the groups claim) to Airflow role.",
    )
    default_role: str | None = Field(
        default=None,
        description="Role of a user in no mapped group; unset: such a user cannot sign in.",
    )
    sync_roles_at_login: StrictBool = Field(
        default=True,
        description="Recompute roles from the groups claim at every sign-in (the provider is "
        "the source of truth; roles edited in Airflow are overwritten).",
    )

    @field_validator("provider_name")
    @classmethod
    def _provider_name(cls, name: str) -> str:
        if not _PROVIDER_NAME.match(name):
            raise ValueError(
                "allowed: up to 32 lowercase letters, digits, '-' or '_', starting with a "
                "letter (it appears in the redirect URL), e.g. okta"
            )
        return name

    @field_validator("issuer")
    @classmethod
    def _https_issuer(cls, issuer: str) -> str:
        parts = urlsplit(issuer)
        if (
            parts.scheme != "https"
            or not parts.hostname
            or parts.username is not None
            or parts.query
            or parts.fragment
            or any(c.isspace() for c in issuer)
        ):
            raise ValueError(
                "allowed: the provider's https issuer URL, without query or credentials, "
                "e.g. https://example.okta.com/oauth2/default"
            )
        return issuer

    @field_validator("client_id")
    @classmethod
    def _client_id(cls, client_id: str) -> str:
        if not _CLIENT_ID.match(client_id):
            raise ValueError(
                "allowed: the client id from the provider (1 to 255 characters, no spaces), "
                "e.g. 0oa1b2c3d4e5f6g7h8i9"
            )
        return client_id

    @field_validator("scopes")
    @classmethod
    def _scopes(cls, scopes: list[str]) -> list[str]:
        if "openid" not in scopes or not all(_SCOPE.match(s) for s in scopes):
            raise ValueError(
                "allowed: OAuth scopes without spaces or quotes, including openid, "
                "e.g. [openid, email, profile, groups]"
            )
        return scopes

    @field_validator("groups_claim")
    @classmethod
    def _claim(cls, claim: str | None) -> str | None:
        if claim is not None and not _CLAIM.match(claim):
            raise ValueError("allowed: a claim name without spaces, e.g. groups or cognito:groups")
        return claim

    @field_validator("role_mapping")
    @classmethod
    def _mapped_roles(cls, mapping: dict[str, str]) -> dict[str, str]:
        for group, role in mapping.items():
            if not group.strip():
                raise ValueError(
                    "a group name is empty; allowed: a group name, e.g. airflow-admins"
                )
            if role not in FAB_ROLES:
                raise ValueError(
                    f"group {group!r} maps to {role!r}; allowed: one of Airflow's roles "
                    f"{', '.join(FAB_ROLES)}, e.g. airflow-admins: Admin"
                )
        return mapping

    @field_validator("default_role")
    @classmethod
    def _default_role(cls, role: str | None) -> str | None:
        return _role(role, "unset, or")

    @model_validator(mode="after")
    def _someone_gets_a_role(self) -> OidcSettings:
        if self.role_mapping and self.groups_claim is None:
            raise cross_field(
                "groupsClaim",
                "roleMapping needs groupsClaim; allowed: the ID token claim that lists the "
                "user's groups, e.g. groups",
            )
        if not self.role_mapping and self.default_role is None:
            raise cross_field(
                "defaultRole",
                "no user could get a role: set defaultRole or roleMapping (with groupsClaim); "
                "allowed: one of Airflow's roles, e.g. Viewer, or roleMapping: "
                "{airflow-admins: Admin}",
            )
        return self


class BreakGlassSettings(ConfigModel):
    enabled: StrictBool = Field(
        default=True,
        description="An 'admin' user with a generated password, for when single sign-on "
        "cannot be used. Off: the user is deactivated and its password deleted.",
    )
    password_version: int = Field(
        default=1,
        ge=1,
        description="Raise by one to rotate the break-glass password at the next deploy.",
    )


class AuthSettings(ConfigModel):
    oidc: OidcSettings | None = Field(
        default=None,
        description="Single sign-on with an OpenID Connect provider; unset: Airflow's own "
        "password sign-in.",
    )
    break_glass: BreakGlassSettings = Field(default_factory=BreakGlassSettings)

    @model_validator(mode="after")
    def _someone_can_sign_in(self) -> AuthSettings:
        if self.oidc is None and not self.break_glass.enabled:
            raise cross_field(
                "breakGlass.enabled",
                "nobody could sign in: no oidc provider is set; allowed: true until oidc is "
                "configured, e.g. oidc: {issuer: https://example.okta.com/oauth2/default, ...}",
            )
        return self
