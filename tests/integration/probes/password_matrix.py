"""Connects once with each URL, with this venv's drivers: SQLAlchemy's default sync driver, and
asyncpg for the async URLs. Prints, per URL, the user PostgreSQL saw or the error."""

from __future__ import annotations

import asyncio
import json
import sys
import uuid
from collections.abc import Callable, Coroutine
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.ext.asyncio import create_async_engine

QUERY = text("SELECT current_user")


def sync_user(url: str) -> str:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return str(conn.execute(QUERY).scalar_one())
    finally:
        engine.dispose()


def _unique_statement_name() -> str:
    return f"__asyncpg_{uuid.uuid4()}__"


# Against a PgBouncer that keeps no prepared statements (1.18), asyncpg's per-connection statement
# names collide across clients sharing a server connection.
OLD_PGBOUNCER = {"statement_cache_size": 0, "prepared_statement_name_func": _unique_statement_name}


async def async_user(target: list[Any]) -> str:
    url, old_pgbouncer = target
    engine = create_async_engine(url, connect_args=OLD_PGBOUNCER if old_pgbouncer else {})
    try:
        async with engine.connect() as conn:
            return str((await conn.execute(QUERY)).scalar_one())
    finally:
        await engine.dispose()


def attempt(function: Callable[[Any], str | Coroutine[Any, Any, str]], target: Any) -> str:
    """The user `function` saw for `target` (a URL, or [URL, old PgBouncer]), or the error."""
    try:
        result = function(target)
        return result if isinstance(result, str) else asyncio.run(result)
    except Exception as error:
        return f"error: {type(error).__name__}: {error}"


if __name__ == "__main__":
    payload = json.load(sys.stdin)
    print(
        json.dumps(
            {
                "sync": [attempt(sync_user, url) for url in payload["sync"]],
                "async": [attempt(async_user, url) for url in payload.get("async", [])],
            }
        )
    )
