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
