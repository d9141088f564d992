"""PostgreSQL connection URLs and endpoints, shared by the database and Airflow components."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

import pulumi


def connection_url(user: str, password: str, host: str, port: int, database: str) -> str:
    """A libpq/SQLAlchemy URL with TLS required; user and password percent-encoded so that every
    character survives (`@`, `:`, `%`, `#`, `?` ... would otherwise end the field early)."""
    return (
        f"postgresql://{quote(user, safe='')}:{quote(password, safe='')}@{host}:{port}/"
        f"{quote(database, safe='')}?sslmode=require"
    )


def async_connection_url(user: str, password: str, host: str, port: int, database: str) -> str:
    """The same database for SQLAlchemy's asyncpg dialect, which Airflow 3's async engine uses.

    Airflow derives it from the sync URL by changing only the scheme, which keeps libpq's
    `sslmode`; asyncpg has no such argument (`connect() got an unexpected keyword argument
    'sslmode'`) and spells it `ssl`. `require` means the same there: encrypted, CA not verified."""
    sync = connection_url(user, password, host, port, database)
    return "postgresql+asyncpg" + sync.removeprefix("postgresql").replace("?sslmode=", "?ssl=")


@dataclass(frozen=True)
class DatabaseEndpoint:
    """Everything a client needs to reach one PostgreSQL database, as the Database produces it."""

    address: pulumi.Output[str]
    port: pulumi.Output[int]
    name: str
    username: str
    password: pulumi.Output[str]  # a Pulumi secret
    url: pulumi.Output[str]  # connection_url(...) of the above, a Pulumi secret
    instance: pulumi.Resource  # what a client depends on to find the database up
