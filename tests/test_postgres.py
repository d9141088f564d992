"""components/postgres.py: connection URLs that survive every password character."""

from __future__ import annotations

import string

import pytest
from sqlalchemy.engine import make_url

from components.database import PASSWORD_SPECIALS
from components.postgres import async_connection_url, connection_url

HOST = "airflow-platform-prod.c123.eu-west-1.rds.amazonaws.com"


@pytest.mark.parametrize(
    "password",
    [
        PASSWORD_SPECIALS,
        "Aa1" + PASSWORD_SPECIALS + "zZ9",
        "p%40ss%word#?&=:",
        "::::[]{}<>",
        string.punctuation,  # even characters RDS forbids survive the URL
    ],
)
def test_url_parses_back_exactly(password: str) -> None:
    url = make_url(connection_url("airflow", password, HOST, 5432, "airflow"))
    assert (url.username, url.password, url.host, url.port, url.database) == (
        "airflow",
        password,
        HOST,
        5432,
        "airflow",
    )
    assert url.query == {"sslmode": "require"}


def test_user_and_database_are_encoded_too() -> None:
    url = make_url(connection_url("us:er@x", "pw", HOST, 6543, "airflow-metadata"))
    assert (url.username, url.database, url.port) == ("us:er@x", "airflow-metadata", 6543)


@pytest.mark.parametrize("password", [PASSWORD_SPECIALS, "Aa1" + PASSWORD_SPECIALS + "zZ9", "%41%"])
def test_async_url_gives_asyncpg_only_arguments_it_takes(password: str) -> None:
    """SQLAlchemy's asyncpg dialect passes the URL's query to asyncpg.connect as keywords:
    `sslmode` would be an unexpected keyword there (as in the URL Airflow derives by itself)."""
    url = make_url(async_connection_url("airflow", password, HOST, 6543, "airflow-metadata"))
    dialect = url.get_dialect()()
    _, kwargs = dialect.create_connect_args(url)
    assert kwargs == {
        "host": HOST,
        "port": 6543,
        "user": "airflow",
        "password": password,
        "database": "airflow-metadata",
        "ssl": "require",
    }
