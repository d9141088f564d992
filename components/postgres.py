"""PostgreSQL connection URLs, shared by the database and Airflow components."""

from __future__ import annotations

from urllib.parse import quote


def connection_url(user: str, password: str, host: str, port: int, database: str) -> str:
    """A libpq/SQLAlchemy URL with TLS required; user and password percent-encoded so that every
    character survives (`@`, `:`, `%`, `#`, `?` ... would otherwise end the field early)."""
    return (
        f"postgresql://{quote(user, safe='')}:{quote(password, safe='')}@{host}:{port}/"
        f"{quote(database, safe='')}?sslmode=require"
    )
