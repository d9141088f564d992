"""Rotation of the generated secrets: raise a number, and `pulumi up` generates a new value."""

from __future__ import annotations

from pydantic import Field

from components.settings.types import ConfigModel

_ROTATION = "Rotation number; raise it by one to generate a new value (0: the first value)."


class RotationSettings(ConfigModel):
    fernet_key: int = Field(
        default=0, ge=0, le=1000, description=_ROTATION + " The previous key keeps decrypting."
    )
    api_secret_key: int = Field(default=0, ge=0, le=1000, description=_ROTATION)
    jwt_secret: int = Field(default=0, ge=0, le=1000, description=_ROTATION)
    redis_password: int = Field(default=0, ge=0, le=1000, description=_ROTATION)
    database_password: int = Field(
        default=0, ge=0, le=1000, description=_ROTATION + " The RDS master password."
    )
    app_database_password: int = Field(
        default=0, ge=0, le=1000, description=_ROTATION + " The password Airflow connects with."
    )
    keda_database_password: int = Field(
        default=0,
        ge=0,
        le=1000,
        description=_ROTATION + " The password KEDA's query connects with.",
    )

    def nonzero(self) -> dict[str, int]:
        """Each rotated secret (config key name) with its number; empty before any rotation."""
        return {
            field.alias or name: getattr(self, name)
            for name, field in type(self).model_fields.items()
            if getattr(self, name) > 0
        }


class SecretsSettings(ConfigModel):
    rotation: RotationSettings = Field(
        default_factory=RotationSettings, description="Rotation number of each generated secret."
    )
